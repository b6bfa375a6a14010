import { defineConfig } from '@playwright/test';

export default defineConfig({
  projects: [
    { name: 'unit', testDir: 'tests/unit' },
    { name: 'scenarios', testDir: 'scenarios' },
  ],
  workers: 2,
  reporter: [['list']],
});
