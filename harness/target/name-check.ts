/** A resolved target must be the `image-skill` package, so a mis-resolved path never tests the wrong program. */
import { TargetError, type ResolvedTarget } from './types.js';

export const EXPECTED_PACKAGE_NAME = 'image-skill';

/**
 * Throws a TargetError (exit 2) when a package target is named anything but `image-skill`,
 * unless `allowAnyName`. `cmd:` targets have no package to name and pass.
 */
export function assertImageSkillPackage(target: ResolvedTarget, allowAnyName: boolean): void {
  if (allowAnyName || target.kind === 'command' || target.name === EXPECTED_PACKAGE_NAME) return;
  const found = target.name === null ? 'a package.json without a "name"' : `the package "${target.name}"${target.version ? `@${target.version}` : ''}`;
  const where = target.packageDir ? ` in ${target.packageDir}` : '';
  throw new TargetError(target.spec, `it resolved to ${found}${where}, not "${EXPECTED_PACKAGE_NAME}"; point --cli at an image-skill build, or pass --allow-any-name to test this one anyway`);
}
