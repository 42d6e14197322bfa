# The handler of the shell runtime: the event JSON is $1, the response goes to stdout, logs to stderr.
handler() {
  name="$(printf '%s' "$1" | sed -n 's/.*"name"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')"
  if [ -z "$name" ]; then
    printf 'the event has no name field'
    return 1
  fi
  echo "greeting $name" >&2
  printf '{"message":"Hello, %s!","runtime":"provided.al2023"}' "$name"
}
