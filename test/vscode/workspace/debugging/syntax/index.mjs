// An ES module handler that parses; the module it imports does not (line 3).
import { total } from './lib/values.mjs';
export const handler = async () => total;
