import json
import re

# Invoked asynchronously (InvocationType Event). Lambda retries a failed event twice (EventInvokeConfig),
# then sends it with the error to the on-failure destination, the FailedJobsQueue.


class UnknownJobError(Exception):
    pass


def thumbnail(job):
    width = job.get("width", 128)
    return {"output": re.sub(r"(\.\w+)$", rf"-{width}w\1", job["image"]), "width": width}


JOBS = {"thumbnail": thumbnail}


def lambda_handler(event, context):
    run = JOBS.get(event.get("type"))
    if run is None:
        raise UnknownJobError(f"No job type \"{event.get('type')}\" (job {event.get('jobId')})")
    result = run(event)
    print(f"job {event['jobId']} done: {json.dumps(result)}")
    return {"jobId": event["jobId"], "status": "done", **result}
