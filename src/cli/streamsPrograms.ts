// cli: registers `streams create|put|list` and `tables list|create|put-item|delete-item` (main.ts calls this once).
import type { Command } from 'commander';
import { streamsCreateCommand, streamsListCommand, streamsPutCommand, tablesCreateCommand, tablesDeleteItemCommand, tablesListCommand, tablesPutItemCommand, type StreamsCliOptions, type TablesCliOptions } from './streamsCommand';
import type { CliContext } from './session';

const collect = (v: string, acc: string[]) => [...acc, v];
const ENDPOINT = ['--endpoint-url <url>', 'act on a running `start` (or VS Code) engine instead of this folder\'s state directory'] as const;

export function registerStreamsCommands(program: Command, common: (cmd: Command) => Command, ctx: CliContext): void {
  const streams = program.command('streams').description('local Kinesis-like data streams (template AWS::Kinesis::Stream, CreateStream)');
  common(streams.command('list').description('list the streams with their shards'))
    .option('--json', 'print JSON')
    .option(...ENDPOINT)
    .action((opts: StreamsCliOptions) => streamsListCommand(opts, ctx));
  common(streams.command('create').description('create a stream (kept in the state directory) and print its ARN').argument('<name>', 'stream name'))
    .option('--shards <n>', 'number of shards (default 1)')
    .option(...ENDPOINT)
    .action((name: string, opts: StreamsCliOptions) => streamsCreateCommand(name, opts, ctx));
  common(streams.command('put').description('put one record (its data is the text given); prints ShardId and SequenceNumber').argument('<stream>', 'stream name or ARN').argument('[data]', 'the record data (or --file)'))
    .option('-k, --partition-key <key>', 'partition key (default "default"); its MD5 picks the shard')
    .option('--explicit-hash-key <n>', 'a decimal hash key instead of the partition key\'s')
    .option('-f, --file <path>', 'read the data from a file (bytes as they are)')
    .option(...ENDPOINT)
    .action((s: string, data: string | undefined, opts: StreamsCliOptions) => streamsPutCommand(s, data, opts, ctx));

  const tables = program.command('tables').description('local tables: put and delete items to feed their DynamoDB-like streams');
  common(tables.command('list').description('list the tables with their keys, item counts and streams'))
    .option('--json', 'print JSON')
    .action((opts: TablesCliOptions) => tablesListCommand(opts, ctx));
  common(tables.command('create').description('create a table (kept in the state directory); prints its stream ARN, or its ARN without a stream').argument('<name>', 'table name'))
    .option('--key <attribute>', 'the hash key, then optionally the range key (repeat); default "id"', collect, [])
    .option('--stream-view <type>', 'give it a stream: KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES')
    .action((name: string, opts: TablesCliOptions) => tablesCreateCommand(name, opts, ctx));
  common(tables.command('put-item').description('put an item (INSERT or MODIFY on the stream)').argument('<table>', 'table name, logical id or ARN').argument('[item]', 'the item as DynamoDB JSON or plain JSON (or --file)'))
    .option('-f, --file <path>', 'read the item from a file')
    .option(...ENDPOINT)
    .action((t: string, item: string | undefined, opts: TablesCliOptions) => tablesPutItemCommand(t, item, opts, ctx));
  common(tables.command('delete-item').description('delete an item by its key (REMOVE on the stream)').argument('<table>', 'table name, logical id or ARN').argument('[key]', 'the key as DynamoDB JSON or plain JSON (or --file)'))
    .option('-f, --file <path>', 'read the key from a file')
    .option(...ENDPOINT)
    .action((t: string, key: string | undefined, opts: TablesCliOptions) => tablesDeleteItemCommand(t, key, opts, ctx));
}
