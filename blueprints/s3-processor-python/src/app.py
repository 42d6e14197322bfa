from urllib.parse import unquote_plus

# Object keys arrive URL-encoded, with spaces as "+" (S3 event notifications).
KINDS = {"csv": "table", "json": "table", "jpg": "image", "jpeg": "image", "png": "image"}


def kind_of(key):
    return KINDS.get(key.rsplit(".", 1)[-1].lower(), "other")


def lambda_handler(event, context):
    processed = []
    for record in event["Records"]:
        key = unquote_plus(record["s3"]["object"]["key"])
        # To read the object: boto3.client("s3").get_object(Bucket=bucket, Key=key)["Body"].read()
        obj = {"bucket": record["s3"]["bucket"]["name"], "key": key, "size": record["s3"]["object"]["size"], "kind": kind_of(key)}
        print(f"{record['eventName']} s3://{obj['bucket']}/{obj['key']} ({obj['size']} bytes)")
        processed.append(obj)
    return {"processed": processed}
