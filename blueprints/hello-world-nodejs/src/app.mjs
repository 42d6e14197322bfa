// Init code runs once per execution environment; the counter shows warm reuse.
let invocations = 0;

export const lambdaHandler = async (event, context) => {
  invocations += 1;
  console.log(`${process.env.GREETING} from ${context.functionName}`);
  return {
    statusCode: 200,
    body: JSON.stringify({
      message: `${process.env.GREETING} world`,
      invocations,
      path: event.path ?? null,
    }),
  };
};
