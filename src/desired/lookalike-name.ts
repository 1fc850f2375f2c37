/**
 * Names a reviewer reads as a YAML file's name. `acme.yaмl` (a Cyrillic м), `acme．yaml` (a fullwidth full
 * stop) or `acme.yamI` (a capital I for the l) look like `acme.yaml` in a diff, yet do not end in `.yaml`:
 * skipped silently, such a file would drop out of the desired state, and with --prune its relationships
 * would be deleted. The walk refuses them instead.
 */

/** Characters that look like ASCII ones in a file name, mapped to what they look like (after NFKC). */
const LOOK_ALIKES: Record<string, string> = {
  // Full stops and dots.
  '\u00b7': '.',
  '\u0387': '.',
  '\u06d4': '.',
  '\u0701': '.',
  '\u0702': '.',
  '\u2027': '.',
  '\u2219': '.',
  '\u22c5': '.',
  '\u3002': '.',
  '\u30fb': '.',
  '\ua4f8': '.',
  // y
  '\u0443': 'y',
  '\u04af': 'y',
  '\u03b3': 'y',
  '\u028f': 'y',
  '\u0263': 'y',
  '\u0423': 'y',
  '\u04ae': 'y',
  '\u03a5': 'y',
  // a
  '\u0430': 'a',
  '\u03b1': 'a',
  '\u0251': 'a',
  '\u237a': 'a',
  '\u0410': 'a',
  '\u0391': 'a',
  // m
  '\u043c': 'm',
  '\u041c': 'm',
  '\u039c': 'm',
  '\u217f': 'm',
  // l (and what passes for it in ASCII)
  '\u04cf': 'l',
  '\u0406': 'l',
  '\u0456': 'l',
  '\u01c0': 'l',
  '\u0399': 'l',
  '\u03b9': 'l',
  '\u029f': 'l',
  I: 'l',
  '1': 'l',
  '|': 'l',
};

const LOOKS_LIKE_YAML = /\.ya?ml/;

/** What `name` looks like: compatibility forms folded (NFKC), accents dropped, look-alikes mapped, lower case. */
function skeleton(name: string): string {
  const folded = name.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFKC');
  return [...folded]
    .map((char) => LOOK_ALIKES[char] ?? char)
    .join('')
    .toLowerCase();
}

/** Invisible format characters: a right-to-left override shows `acme\u202elmay.txt` as `acmetxt.yaml`. */
const INVISIBLE = /\p{Cf}/u;

/** Whether a name the walk does not read would be taken for a YAML file's name (or a copy of one). PURE. */
export function looksLikeYamlName(name: string): boolean {
  return INVISIBLE.test(name) || LOOKS_LIKE_YAML.test(skeleton(name));
}
