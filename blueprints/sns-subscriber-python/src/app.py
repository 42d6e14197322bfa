import json

# Subscribed to a topic with a filter policy: only messages whose "priority" attribute is "high" arrive.


def lambda_handler(event, context):
    received = []
    for record in event["Records"]:
        sns = record["Sns"]
        message = json.loads(sns["Message"])
        priority = sns.get("MessageAttributes", {}).get("priority", {}).get("Value")
        print(f"{sns['Subject']}: order {message['orderId']} is {message['status']} (priority {priority})")
        received.append({"messageId": sns["MessageId"], "subject": sns["Subject"], "priority": priority, **message})
    return {"received": received}
