// Object keys arrive URL-encoded, with spaces as "+" (S3 event notifications).
const decodeKey = (key) => decodeURIComponent(key.replace(/\+/g, ' '));

const kindOf = (key) => {
  const ext = key.split('.').pop().toLowerCase();
  return { csv: 'table', json: 'table', jpg: 'image', jpeg: 'image', png: 'image' }[ext] ?? 'other';
};

export const handler = async (event) => {
  const processed = event.Records.map((record) => {
    const key = decodeKey(record.s3.object.key);
    // To read the object: new S3Client({}).send(new GetObjectCommand({ Bucket, Key })) from '@aws-sdk/client-s3'.
    const object = { bucket: record.s3.bucket.name, key, size: record.s3.object.size, kind: kindOf(key) };
    console.log(`${record.eventName} s3://${object.bucket}/${object.key} (${object.size} bytes)`);
    return object;
  });
  return { processed };
};
