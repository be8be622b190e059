/** @kubesim/scheduler — placeholder entry until the package lands. */
export const PACKAGE_NAME = '@kubesim/scheduler';
