/** @kubesim/storage — placeholder entry until the package lands. */
export const PACKAGE_NAME = '@kubesim/storage';
