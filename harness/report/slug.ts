/** File-system and id friendly names. */

export function slugify(text: string, maxLength = 80): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (slug.slice(0, maxLength).replace(/-+$/, '') || 'unnamed');
}

/** Keeps ids readable but safe as one path segment. */
export function safeSegment(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return cleaned.slice(0, 120) || 'unnamed';
}

/** 'scenarios/auth/signup.spec.ts' → 'signup' */
export function fileStem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(spec|test)\.[cm]?[jt]sx?$/, '').replace(/\.[cm]?[jt]sx?$/, '');
}
