import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ROOT } from '../support/processes';

/**
 * Every sentence a person reads is written once, in src/core/messages. This walks the
 * adapters' source and fails on any string that reads like a sentence: three or more words,
 * ending in punctuation or with at least two in lower case (so names and titles such as
 * "Head of Product" in the demo's made-up company are data, not sentences). Strings only developers and operators
 * read are allowed where they are plainly that: log messages (the message argument of a
 * logger call), errors thrown, and the fields only operators read (a job's description and
 * note, start-up work's name and state).
 */
const ADAPTERS = path.join(ROOT, 'src', 'adapters');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

// A word as people write them, with the punctuation around it: not a path, a MIME type or code.
const WORD = /^[“"'‘(]*(\p{L}[\p{L}'’-]*)[,.!?:;…”"')]*$/u;
export function readsLikeSentence(text: string): boolean {
  const words = text
    .split(/\s+/)
    .map((token) => WORD.exec(token)?.[1])
    .filter((w): w is string => Boolean(w && w.length > 1));
  if (words.length < 3) return false;
  const lowercase = words.filter((w) => /^\p{Ll}/u.test(w)).length;
  // Ends like a sentence, or runs like one: names and titles ("Head of Product") do not.
  return /[.!?:…]\s*$/.test(text) || lowercase >= 2;
}

const LOGGER = /(?:^|\.)(?:logger|log)$/i;
// Fields only operators read: a job's description and outcome note (npm run job), and what
// start-up work is called and its state (logs, /readyz).
const OPERATOR_FIELDS = new Set(['description', 'note', 'what', 'pending']);
const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace']);

/** True when a string is a developer's: a log line or an error thrown. */
function forDevelopers(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isNewExpression(at) && /Error$/.test(at.expression.getText())) return true;
    if (ts.isThrowStatement(at)) return true;
    if (ts.isCallExpression(at) && ts.isPropertyAccessExpression(at.expression)) {
      const { expression, name } = at.expression;
      if (LEVELS.has(name.text) && LOGGER.test(expression.getText())) return true;
    }
    if (
      ts.isPropertyAssignment(at) &&
      ts.isIdentifier(at.name) &&
      OPERATOR_FIELDS.has(at.name.text)
    )
      return true;
    if (ts.isBlock(at) || ts.isSourceFile(at)) return false;
  }
  return false;
}

function sentencesIn(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.ES2022,
    true,
  );
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    const texts =
      ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
        ? [node.text]
        : ts.isTemplateExpression(node)
          ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].filter(Boolean)
          : [];
    const whole = ts.isTemplateExpression(node)
      ? node.getText().replace(/\$\{[^}]*\}/g, 'x')
      : texts.join(' ');
    if (texts.length > 0 && readsLikeSentence(whole) && !forDevelopers(node)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${path.relative(ROOT, file)}:${line + 1}: ${whole.slice(0, 80)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('what people read is written once, in the core', () => {
  it('tells a sentence from an identifier', () => {
    expect(readsLikeSentence('Thanks for celebrating!')).toBe(true);
    expect(readsLikeSentence('Rapport is installed.')).toBe(true);
    expect(readsLikeSentence('Meet each other')).toBe(true);
    expect(readsLikeSentence('Head of Customer Success')).toBe(false);
    expect(readsLikeSentence('reminder_done')).toBe(false);
    expect(readsLikeSentence('application/json; charset=utf-8')).toBe(false);
    expect(readsLikeSentence('users.profile:read')).toBe(false);
    expect(readsLikeSentence('/slack/events')).toBe(false);
  });

  it('finds no sentence for people in src/adapters', () => {
    expect(files(ADAPTERS).flatMap(sentencesIn)).toEqual([]);
  });
});
