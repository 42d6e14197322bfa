// Subscribed to a topic with a filter policy: only messages whose "priority" attribute is "high" arrive.
export const handler = async (event) => {
  const received = event.Records.map(({ Sns }) => {
    const message = JSON.parse(Sns.Message);
    const priority = Sns.MessageAttributes.priority?.Value;
    console.log(`${Sns.Subject}: order ${message.orderId} is ${message.status} (priority ${priority})`);
    return { messageId: Sns.MessageId, subject: Sns.Subject, priority, ...message };
  });
  return { received };
};
