// vscode layer: the message attributes Send Message… and Publish… take as one line of text ("a=1, b:Number=2").
// Imports nothing from 'vscode' (unit-tested in plain node).
import type { MessageAttribute } from '../../core/events/resourceTypes';

/** "a=1, b:Number=2" → SQS/SNS message attributes (String unless the name says `:Number` or `:Binary`). */
export function parseAttributes(text: string): Record<string, MessageAttribute> {
  const out: Record<string, MessageAttribute> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9_.-]{1,256})(?::(String|Number|Binary))?=(.*)$/.exec(part);
    if (!m) throw new Error(`Message attribute "${part}" is not Name=Value (or Name:Number=42); names are letters, digits, _ . -`);
    const [, name, type = 'String', value] = m;
    if (type === 'Number' && (value.trim() === '' || !Number.isFinite(Number(value)))) throw new Error(`Message attribute "${name}" is a Number but "${value}" is not a number.`);
    out[name] = type === 'Binary' ? { DataType: type, BinaryValue: Buffer.from(value).toString('base64') } : { DataType: type, StringValue: value };
  }
  return out;
}

/** The input box's check: undefined when the text parses, else why not. */
export function attributesProblem(text: string): string | undefined {
  try {
    parseAttributes(text);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
