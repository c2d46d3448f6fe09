// Renders the chart without Helm, for machines where Helm cannot be installed (CI here has no route to its
// download site). It implements only the Go-template subset the chart uses; an unknown function or construct is
// an error, so the chart cannot silently drift outside what this test understands.
// Usage: node render.mjs CHART_DIR [values-override.yaml ...]   -> multi-document YAML on stdout
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';

// TV_PACKAGE_DIR: a folder whose node_modules holds `yaml` (tests/containers).
const require = createRequire(join(resolve(process.env.TV_PACKAGE_DIR ?? '.'), 'x.js'));
const YAML = require('yaml');

const [chartDir, ...overrides] = process.argv.slice(2);
const chart = YAML.parse(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8'));
const merge = (a, b) => {
  if (b === null || typeof b !== 'object' || Array.isArray(b) || a === null || typeof a !== 'object' || Array.isArray(a)) return b;
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in a ? merge(a[k], v) : v;
  return out;
};
let values = YAML.parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8'));
for (const f of overrides) values = merge(values, YAML.parse(readFileSync(f, 'utf8')));

const root = {
  Values: values,
  Chart: { Name: chart.name, Version: chart.version, AppVersion: chart.appVersion },
  Release: { Name: 'tv', Namespace: 'targetvision', Service: 'Helm' },
  Template: { BasePath: 'targetvision/templates' },
};

// ---- lexer + parser --------------------------------------------------------------------------------------
function lex(src) {
  const out = [];
  const re = /\{\{(-\s)?([\s\S]*?)(\s-)?\}\}/g;
  let last = 0, m;
  while ((m = re.exec(src))) {
    out.push({ t: 'text', v: src.slice(last, m.index) });
    out.push({ t: 'act', v: m[2].trim(), l: !!m[1], r: !!m[3] });
    last = re.lastIndex;
  }
  out.push({ t: 'text', v: src.slice(last) });
  for (let i = 0; i < out.length; i++) {
    if (out[i].t !== 'act') continue;
    if (out[i].l && out[i - 1]) out[i - 1].v = out[i - 1].v.replace(/\s+$/, '');
    if (out[i].r && out[i + 1]) out[i + 1].v = out[i + 1].v.replace(/^\s+/, '');
  }
  return out.filter((t) => !(t.t === 'act' && t.v.startsWith('/*')));
}

function parse(tokens, defines) {
  let i = 0;
  function block(stopWords) {
    const nodes = [];
    while (i < tokens.length) {
      const tk = tokens[i];
      if (tk.t === 'text') { nodes.push(tk); i++; continue; }
      const [word] = tk.v.split(/\s+/, 1);
      if (stopWords.includes(word)) return { nodes, stop: tk };
      i++;
      if (word === 'if' || word === 'with') {
        const branches = [{ cond: tk.v.slice(word.length).trim() }];
        let elseBody = null;
        for (;;) {
          const r = block(['else', 'end']);
          branches[branches.length - 1].body = r.nodes;
          i++;
          if (r.stop.v === 'end') break;
          const rest = r.stop.v.slice(4).trim();
          if (rest.startsWith('if ')) { branches.push({ cond: rest.slice(3).trim() }); continue; }
          const e = block(['end']); elseBody = e.nodes; i++; break;
        }
        nodes.push({ t: word, branches, elseBody });
      } else if (word === 'range') {
        let expr = tk.v.slice(5).trim(), vars = [];
        const m = /^(\$\w+)\s*(?:,\s*(\$\w+))?\s*:=\s*(.*)$/.exec(expr);
        if (m) { vars = m[2] ? [m[1], m[2]] : [m[1]]; expr = m[3]; }
        const r = block(['end', 'else']); i++;
        let elseBody = null;
        if (r.stop.v === 'else') { elseBody = block(['end']).nodes; i++; }
        nodes.push({ t: 'range', expr, vars, body: r.nodes, elseBody });
      } else if (word === 'define') {
        const name = JSON.parse(tk.v.slice(6).trim());
        const r = block(['end']); i++;
        defines[name] = r.nodes;
      } else {
        nodes.push({ t: 'act', v: tk.v });
      }
    }
    return { nodes, stop: null };
  }
  return block([]).nodes;
}

// ---- evaluation ------------------------------------------------------------------------------------------
const truthy = (v) => !(v === undefined || v === null || v === false || v === 0 || v === '' ||
  (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0));
const str = (v) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const indentLines = (n, s) => str(s).split('\n').map((l) => ' '.repeat(n) + l).join('\n');
let defines = {};
const fileTemplates = {};
const funcs = {
  // A named define, or (as Helm allows) a whole template file by its path under $.Template.BasePath.
  include: (name, ctx) => {
    const nodes = defines[name] ?? fileTemplates[name];
    if (!nodes) throw new Error(`no template ${name}`);
    return renderNodes(nodes, ctx, new Map([['$', root]]));
  },
  print: (...a) => a.map(str).join(''),
  sha256sum: (s) => createHash('sha256').update(str(s)).digest('hex'),
  gt: (a, b) => Number(a) > Number(b),
  default: (d, v) => (truthy(v) ? v : d),
  quote: (v) => JSON.stringify(str(v)),
  trunc: (n, s) => str(s).slice(0, n),
  trimSuffix: (suf, s) => (str(s).endsWith(suf) ? str(s).slice(0, -suf.length) : str(s)),
  printf: (fmt, ...a) => { let k = 0; return fmt.replace(/%[sdv]/g, () => str(a[k++])); },
  toYaml: (v) => YAML.stringify(v, { lineWidth: 0 }).replace(/\n$/, ''),
  nindent: (n, s) => '\n' + indentLines(n, s),
  indent: (n, s) => indentLines(n, s),
  b64enc: (s) => Buffer.from(str(s)).toString('base64'),
  not: (v) => !truthy(v),
  and: (...a) => a.every(truthy),
  or: (...a) => a.some(truthy),
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  add: (...a) => a.reduce((x, y) => x + Number(y), 0),
  required: (msg, v) => { if (!truthy(v)) throw new Error(msg); return v; },
};

function splitTop(s, sepRe) {
  const parts = []; let depth = 0, q = false, cur = '';
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (q) { cur += c; if (c === '\\') { cur += s[++k]; } else if (c === '"') q = false; continue; }
    if (c === '"') { q = true; cur += c; continue; }
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (depth === 0 && sepRe.test(c)) { if (cur.trim() || sepRe.source !== '\\s') parts.push(cur); cur = ''; continue; }
    cur += c;
  }
  if (cur.trim() || sepRe.source !== '\\s') parts.push(cur);
  return parts.map((p) => p.trim()).filter((p, idx, all) => p !== '' || all.length === 1);
}

function operand(tok, dot, vars) {
  if (tok.startsWith('(')) return pipeline(tok.slice(1, -1), dot, vars);
  if (tok.startsWith('"')) return JSON.parse(tok);
  if (/^-?\d+(\.\d+)?$/.test(tok)) return Number(tok);
  if (tok === 'true' || tok === 'false') return tok === 'true';
  if (tok === 'nil') return null;
  let base, path;
  if (tok.startsWith('$')) {
    const [name, ...rest] = tok.split('.');
    if (!vars.has(name)) throw new Error(`undefined variable ${name}`);
    base = vars.get(name); path = rest;
  } else if (tok.startsWith('.')) {
    base = dot; path = tok === '.' ? [] : tok.slice(1).split('.');
  } else {
    throw new Error(`unsupported operand ${tok}`);
  }
  return path.reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), base);
}

function command(cmd, dot, vars, piped, hasPiped) {
  const toks = splitTop(cmd, /\s/);
  const [head, ...rest] = toks;
  if (/^[A-Za-z]\w*$/.test(head) && !['true', 'false', 'nil'].includes(head)) {
    const f = funcs[head];
    if (!f) throw new Error(`unsupported function ${head}`);
    const args = rest.map((t) => operand(t, dot, vars));
    if (hasPiped) args.push(piped);
    return f(...args);
  }
  if (toks.length !== 1 || hasPiped) throw new Error(`cannot evaluate "${cmd}"`);
  return operand(head, dot, vars);
}

function pipeline(expr, dot, vars) {
  const assign = /^(\$\w+)\s*:=\s*(.*)$/.exec(expr);
  if (assign) { vars.set(assign[1], pipeline(assign[2], dot, vars)); return undefined; }
  let val, has = false;
  for (const cmd of splitTop(expr, /\|/)) { val = command(cmd, dot, vars, val, has); has = true; }
  return val;
}

function renderNodes(nodes, dot, vars) {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.v;
    else if (n.t === 'act') { const v = pipeline(n.v, dot, vars); if (v !== undefined) out += str(v); }
    else if (n.t === 'if' || n.t === 'with') {
      let done = false;
      for (const b of n.branches) {
        const v = pipeline(b.cond, dot, vars);
        if (truthy(v)) { out += renderNodes(b.body, n.t === 'with' ? v : dot, new Map(vars)); done = true; break; }
      }
      if (!done && n.elseBody) out += renderNodes(n.elseBody, dot, new Map(vars));
    } else if (n.t === 'range') {
      const coll = pipeline(n.expr, dot, vars);
      const entries = Array.isArray(coll) ? coll.map((v, k) => [k, v]) : Object.entries(coll ?? {}).sort(([a], [b]) => a.localeCompare(b));
      if (entries.length === 0 && n.elseBody) out += renderNodes(n.elseBody, dot, new Map(vars));
      for (const [k, v] of entries) {
        const inner = new Map(vars);
        if (n.vars.length === 1) inner.set(n.vars[0], v);
        if (n.vars.length === 2) { inner.set(n.vars[0], k); inner.set(n.vars[1], v); }
        out += renderNodes(n.body, v, inner);
      }
    }
  }
  return out;
}

const tplDir = join(chartDir, 'templates');
const files = readdirSync(tplDir).sort();
const parsed = {};
for (const f of files) {
  const nodes = parse(lex(readFileSync(join(tplDir, f), 'utf8')), defines);
  if (!f.startsWith('_')) { parsed[f] = nodes; fileTemplates[`${root.Template.BasePath}/${f}`] = nodes; }
}
for (const [f, nodes] of Object.entries(parsed)) {
  if (f === 'NOTES.txt') { renderNodes(nodes, root, new Map([['$', root]])); continue; }
  const text = renderNodes(nodes, root, new Map([['$', root]]));
  if (text.trim()) process.stdout.write(`---\n# Source: targetvision/templates/${f}\n${text.replace(/^\s*\n/, '')}\n`);
}
