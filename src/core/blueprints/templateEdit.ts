// core/blueprints: edits of SAM templates as YAML documents (the `yaml` library's Document API), so a user's
// comments, key order and formatting survive: renaming logical ids with their references, and adding a
// blueprint's resources, parameters and outputs to an existing template.
import { isMap, isPair, isScalar, isSeq, parseDocument, visit, YAMLMap, type Document, type Node, type Pair, type Scalar } from 'yaml';
import { WorkbenchError } from '../common/errors';

/** Parses template text keeping comments and CloudFormation's short-form tags (!Ref, !GetAtt, !Sub…). */
export function parseTemplateDocument(text: string, file: string): Document {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length) throw new WorkbenchError('TEMPLATE_SYNTAX', `${file} is not valid YAML: ${doc.errors[0].message}`, { file });
  if (!isMap(doc.contents)) throw new WorkbenchError('TEMPLATE_INVALID', `${file} must be a YAML map (AWSTemplateFormatVersion, Resources…).`, { file });
  return doc;
}

/** The map under `key` at the top of the document, created (after a blank line) when missing. */
export function sectionOf(doc: Document, key: string): YAMLMap {
  const found = doc.get(key, true);
  if (isMap(found)) return found;
  const map = new YAMLMap();
  doc.set(key, map);
  const pair = (doc.contents as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === key);
  if (pair && isScalar(pair.key)) pair.key.spaceBefore = true;
  return map;
}

/** The keys of a section (Resources, Parameters, Outputs) of a document. */
export function keysOf(doc: Document, key: string): string[] {
  const map = doc.get(key, true);
  return isMap(map) ? map.items.map((p) => String(isScalar(p.key) ? p.key.value : p.key)) : [];
}

const text = (n: unknown): string | undefined => (isScalar(n) && typeof n.value === 'string' ? n.value : undefined);

/**
 * Renames logical ids throughout `doc`: the section keys (Resources, Outputs) and every reference — !Ref,
 * !GetAtt (both forms), ${Id} in !Sub, Ref / Fn::GetAtt maps and DependsOn.
 */
export function renameLogicalIds(doc: Document, renames: ReadonlyMap<string, string>): void {
  if (!renames.size) return;
  const rename = (id: string) => renames.get(id) ?? id;
  const renameGetAtt = (s: string) => s.replace(/^([A-Za-z0-9]+)(?=\.)/, (id) => rename(id));
  const renameSub = (s: string) => s.replace(/\$\{([A-Za-z0-9]+)([.}])/g, (_m, id: string, end: string) => `\${${rename(id)}${end}`);
  for (const section of ['Resources', 'Outputs']) {
    const map = doc.get(section, true);
    if (isMap(map)) for (const p of map.items) if (isScalar(p.key) && typeof p.key.value === 'string') p.key.value = rename(p.key.value);
  }
  const setText = (n: Scalar, f: (s: string) => string) => {
    if (typeof n.value === 'string') n.value = f(n.value);
  };
  visit(doc, {
    Scalar(_key, node) {
      if (node.tag === '!Ref') setText(node, rename);
      else if (node.tag === '!GetAtt') setText(node, renameGetAtt);
      else if (node.tag === '!Sub') setText(node, renameSub);
    },
    Seq(_key, node) {
      // !GetAtt [Id, Attr] and !Sub [text, vars]
      const first = node.items[0];
      if (node.tag === '!GetAtt' && isScalar(first)) setText(first, rename);
      if (node.tag === '!Sub' && isScalar(first)) setText(first, renameSub);
    },
    Pair(_key, pair: Pair) {
      const k = text(pair.key);
      const v = pair.value as Node | null;
      if ((k === 'Ref' || k === 'DependsOn') && isScalar(v)) setText(v, rename);
      else if (k === 'DependsOn' && isSeq(v)) {
        for (const item of v.items) if (isScalar(item)) setText(item, rename);
      } else if (k === 'Fn::GetAtt' && isScalar(v)) setText(v, renameGetAtt);
      else if (k === 'Fn::GetAtt' && isSeq(v) && isScalar(v.items[0])) setText(v.items[0], rename);
      else if (k === 'Fn::Sub' && isScalar(v)) setText(v, renameSub);
    },
  });
}

/** The Properties map of resource `id` (created when missing). */
export function propertiesOf(doc: Document, id: string): YAMLMap {
  const resource = doc.getIn(['Resources', id], true);
  if (!isMap(resource)) throw new WorkbenchError('BLUEPRINT_INVALID', `The blueprint's template has no resource "${id}".`);
  const props = resource.get('Properties', true);
  if (isMap(props)) return props;
  const map = new YAMLMap();
  resource.set('Properties', map);
  return map;
}

/** Moves the blueprint's Globals.Function settings onto its function (those it does not set itself). */
export function foldGlobals(doc: Document, functionId: string): void {
  const globals = doc.getIn(['Globals', 'Function'], true);
  if (!isMap(globals)) return;
  const props = propertiesOf(doc, functionId);
  for (const p of globals.items) if (isScalar(p.key) && !props.has(p.key.value)) props.add(p);
}

/** Adds every entry of `from`'s section to `to`'s (a blank line before the first one added). */
export function copySection(from: Document, to: Document, key: string, skipExisting: boolean): void {
  const source = from.get(key, true);
  if (!isMap(source) || !source.items.length) return;
  const target = sectionOf(to, key);
  let first = true;
  for (const p of source.items) {
    if (!isPair(p) || !isScalar(p.key)) continue;
    if (skipExisting && target.has(p.key.value)) continue;
    if (first && target.items.length) p.key.spaceBefore = true;
    first = false;
    target.items.push(p);
  }
}
