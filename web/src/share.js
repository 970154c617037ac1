// share.js: a Playground run as a link, with no server state: the program, the command and
// the seconds as JSON, deflated (CompressionStream 'deflate-raw') and base64url-encoded in the
// URL fragment ("#p1.<data>"; the fragment never reaches the server).  Both ways are bounded:
// a link past MAX_LINK characters is not made, and a fragment is inflated only up to
// MAX_JSON bytes; a broken or foreign fragment throws an Error whose message says what is
// wrong, for the page to show.
export const PREFIX = 'p1.';
export const MAX_LINK = 48 * 1024;        // characters of fragment data we make or accept
const MAX_JSON = 80 * 1024;               // the program (64 KiB) and the rest, inflated

function toBase64url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('the link is damaged (characters that are not base64url)');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  let bin;
  try { bin = atob(b64); } catch (e) { throw new Error('the link is damaged (not base64url)'); }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// all of @stream's bytes, at most @max (past it: an Error)
async function readAll(stream, max) {
  const reader = stream.getReader();
  const parts = [];
  let n = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    n += value.length;
    if (n > max) { reader.cancel().catch(() => {}); throw new Error('the link holds more than a program can be'); }
    parts.push(value);
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

const pipe = (bytes, t) => new Blob([bytes]).stream().pipeThrough(t);

// encode({program, command, seconds}): the fragment's text (without '#'), or an Error when too long
export async function encode({ program, command, seconds }) {
  const json = new TextEncoder().encode(JSON.stringify({ p: program, c: command, s: seconds }));
  const packed = await readAll(pipe(json, new CompressionStream('deflate-raw')), MAX_JSON);
  const text = PREFIX + toBase64url(packed);
  if (text.length > MAX_LINK) throw new Error(`the program is too long for a link (${text.length} characters, at most ${MAX_LINK})`);
  return text;
}

// decode(fragment): {program, command, seconds}, or an Error saying what is wrong with the link
export async function decode(fragment) {
  const f = fragment.replace(/^#/, '');
  if (!f.startsWith(PREFIX)) throw new Error('this is not a Playground link (it should start with #' + PREFIX + ')');
  if (f.length > MAX_LINK + PREFIX.length) throw new Error('the link is too long to be a Playground link');
  const packed = fromBase64url(f.slice(PREFIX.length));
  let json;
  try {
    json = await readAll(pipe(packed, new DecompressionStream('deflate-raw')), MAX_JSON);
  } catch (e) {
    throw new Error(/more than/.test(e.message) ? e.message : 'the link is damaged (it does not inflate); was it cut short?');
  }
  let o;
  try { o = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json)); } catch (e) {
    throw new Error('the link is damaged (its contents are not JSON)');
  }
  if (!o || typeof o.p !== 'string' || typeof o.c !== 'string' || !Number.isInteger(o.s) || o.s < 1 || o.s > 10)
    throw new Error('the link does not hold a program, a command and 1 to 10 seconds');
  return { program: o.p, command: o.c, seconds: o.s };
}
