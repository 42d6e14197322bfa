// A TypeScript handler bundled by the esbuild the extension ships (no node_modules in this folder).
interface Greeting {
  readonly message: string;
  readonly typed: boolean;
}

export const handler = async (event: { name?: string }): Promise<Greeting> => {
  const who: string = event.name ?? 'typescript';
  console.log(`ts app greets ${who}`);
  return { message: `hello, ${who}`, typed: true };
};
