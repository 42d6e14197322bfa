// core/http: when a body travels base64-encoded. HTTP APIs and function URLs encode every body whose content type
// is not text; REST APIs only those whose Content-Type (request) or Accept (response) matches BinaryMediaTypes.

/** Text content types: text/*, JSON, XML, JavaScript, form data and their `+json`/`+xml` suffixes. */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const t = contentType.split(';')[0].trim().toLowerCase();
  return t.startsWith('text/') || /[/+](json|xml|javascript|x-www-form-urlencoded)$/.test(t) || t === 'application/graphql' || t === 'application/yaml' || t === 'application/x-yaml';
}

/** Whether `contentType` matches one of REST's BinaryMediaTypes (`image/png`, `image/*`, `*\/*`). */
export function matchesMediaType(types: readonly string[], contentType: string | undefined): boolean {
  if (!contentType || types.length === 0) return false;
  const candidates = contentType.split(',').map((c) => c.split(';')[0].trim().toLowerCase());
  return types.some((pattern) => {
    const p = pattern.toLowerCase();
    return candidates.some((c) => {
      if (p === '*/*' || p === c) return true;
      const [pt, ps] = p.split('/');
      const [ct, cs] = c.split('/');
      return (ps === '*' && pt === ct) || (pt === '*' && ps === cs);
    });
  });
}
