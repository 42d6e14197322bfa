// Debug fixture (TypeScript, built with esbuild): line 10 (`console.log(...)`) is the known breakpoint line.
import { label } from './lib/format';

interface DebugEvent {
  value?: number;
}

export const handler = async (event: DebugEvent): Promise<{ text: string }> => {
  const text: string = label(event.value ?? 21);
  console.log('ts handler computed', text);
  return { text };
};
