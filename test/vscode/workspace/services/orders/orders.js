exports.handler = async (event) => ({ orders: [], filter: event });
