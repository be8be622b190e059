/**
 * Image references as kubectl checks them before sending one (`kubectl run`, `kubectl debug`).
 * @see github.com/distribution/reference regexp.go (ReferenceRegexp)
 */

/** distribution/reference's `ReferenceRegexp`: [domain[:port]/]path[:tag][@digest]. */
export const IMAGE_REFERENCE = (() => {
  const component = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
  const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
  const host = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])`;
  const name = `(?:${host}(?::[0-9]+)?/)?${component}(?:/${component})*`;
  const tag = '[\\w][\\w.-]{0,127}';
  const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
  return new RegExp(`^${name}(?::${tag})?(?:@${digest})?$`);
})();

/** `reference.ErrReferenceInvalidFormat`'s text. */
export const INVALID_REFERENCE_FORMAT = 'invalid reference format';
