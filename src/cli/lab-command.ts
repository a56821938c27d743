export async function runLabCommand(
  name: string,
  _argv: string[],
  _env: NodeJS.ProcessEnv
): Promise<number> {
  process.stderr.write(`rk1 ${name}: under construction\n`)
  return 3
}
