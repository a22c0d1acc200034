/**
 * Where a finding sits in the template file as written: the line and column of a resource's
 * property, for SARIF and JSON reports. Findings on generated resources point at the integration
 * that generated them (its logical ID begins theirs), else at the Transform that runs the macro.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';

/** A 1-based position in the file. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Splits `Properties.Tags.0`, `Properties.Parameters["a b"]` or `/Properties/Tags/0` into segments. */
export function pathSegments(path: string): string[] {
  if (path.startsWith('/')) return path.split('/').slice(1);
  const segments: string[] = [];
  for (const match of path.matchAll(/\[("(?:[^"\\]|\\.)*")\]|\[(\d+)\]|([^.[\]]+)/g)) {
    if (match[1] !== undefined) segments.push(JSON.parse(match[1]) as string);
    else segments.push((match[2] ?? match[3]) as string);
  }
  return segments;
}

/** Locates resources and their properties in one template text (YAML or JSON). */
export class SourceLocator {
  private readonly lines = new LineCounter();
  private readonly root: Node | null;

  constructor(text: string) {
    // Short-form tags (!Ref) are unknown to a plain parse: a warning, the structure stays.
    const doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: false });
    this.root = doc.errors.length === 0 ? (doc.contents as Node | null) : null;
  }

  private position(offset: number | undefined): SourcePosition | undefined {
    if (offset === undefined) return undefined;
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  /** The key node's position of `segments` under `node`, as deep as the path goes. */
  private find(node: Node | null, segments: readonly string[]): SourcePosition | undefined {
    let current: Node | null = node;
    let found: SourcePosition | undefined;
    for (const segment of segments) {
      if (isMap(current)) {
        const pair = current.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
        if (pair === undefined) break;
        found = this.position((pair.key as Node).range?.[0]) ?? found;
        current = pair.value as Node | null;
      } else if (isSeq(current) && /^\d+$/.test(segment)) {
        const item = current.items[Number(segment)] as Node | undefined;
        if (item === undefined) break;
        found = this.position(item.range?.[0]) ?? found;
        current = item;
      } else break;
    }
    return found;
  }

  private resourceIds(): string[] {
    const resources = isMap(this.root)
      ? this.root.items.find((item) => isScalar(item.key) && item.key.value === 'Resources')?.value
      : undefined;
    return isMap(resources)
      ? resources.items.map((item) => (isScalar(item.key) ? String(item.key.value) : '')).filter((id) => id !== '')
      : [];
  }

  /**
   * The position of a finding: `Resources.<logicalId>.<propertyPath>` as far as it exists in the
   * file; for a resource the file does not have, the longest logical ID of the file that begins its
   * ID (the integration that generated it), else the Transform section, else line 1.
   */
  locate(logicalId: string | undefined, propertyPath: string | undefined): SourcePosition {
    const first = { line: 1, column: 1 };
    if (this.root === null) return first;
    const path = propertyPath === undefined || propertyPath === '' ? [] : pathSegments(propertyPath);
    if (logicalId === undefined) return this.find(this.root, path) ?? this.find(this.root, ['Transform']) ?? first;
    const ids = this.resourceIds();
    if (ids.includes(logicalId)) return this.find(this.root, ['Resources', logicalId, ...path]) ?? first;
    const origin = ids.filter((id) => logicalId.startsWith(id)).sort((a, b) => b.length - a.length)[0];
    if (origin !== undefined) return this.find(this.root, ['Resources', origin]) ?? first;
    return this.find(this.root, ['Transform']) ?? this.find(this.root, ['Resources']) ?? first;
  }
}
