import os
from datetime import datetime, timedelta

# Runs on a schedule. event["time"] is when the run was due (not when it started): use it as "now", so a
# retried or late run cleans up the same window.
RETENTION_DAYS = int(os.environ.get("RETENTION_DAYS", "30"))


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def lambda_handler(event, context):
    due = datetime.strptime(event["time"], "%Y-%m-%dT%H:%M:%SZ")
    cutoff = due - timedelta(days=RETENTION_DAYS)
    print(f"{event['resources'][0]}: removing records older than {iso(cutoff)}")
    # Delete what is older than `cutoff` here (a DynamoDB query, an S3 listing, ...).
    return {"job": "nightly-cleanup", "due": iso(due), "cutoff": iso(cutoff), "retentionDays": RETENTION_DAYS}
