/** Locates the anvil executable shipped by the `@foundry-rs/anvil` npm package. */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

const ARCH_NAMES: Record<string, string> = { x64: 'amd64', arm64: 'arm64' };

/** Name of the per-platform package that carries the binary, e.g. `@foundry-rs/anvil-linux-amd64`. */
export function anvilPlatformPackage(platform: string = process.platform, arch: string = process.arch): string {
  const archName = ARCH_NAMES[arch];
  if (!archName) throw new Error(`@foundry-rs/anvil ships no binary for architecture ${arch}`);
  return `@foundry-rs/anvil-${platform}-${archName}`;
}

/** Absolute path of the anvil binary; throws naming the missing package when it is not installed. */
export function resolveAnvilBinary(): string {
  const pkg = anvilPlatformPackage();
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    throw new Error(
      `anvil binary not found: npm package ${pkg} (optional dependency of @foundry-rs/anvil) is not installed; run npm ci`,
    );
  }
  const binary = join(packageDir, 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil');
  if (!existsSync(binary)) throw new Error(`npm package ${pkg} is installed but has no ${binary}`);
  return binary;
}
