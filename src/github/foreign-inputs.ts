import type { CommandDefinition } from '../commands/registry'

/**
 * The umbrella action declares the union of every command's inputs, so the runner hands each run
 * all of them, `github-token: ${{ github.token }}` included. Only the chosen command's own
 * inputs stay in the environment; a command that does not declare github-token never holds the
 * token, nor do the processes it starts.
 */
export function dropForeignInputs(command: CommandDefinition, env: NodeJS.ProcessEnv): string[] {
  const own = new Set(['COMMAND', ...command.inputs.map((i) => i.name.toUpperCase())])
  const dropped: string[] = []
  for (const key of Object.keys(env)) {
    if (!key.startsWith('INPUT_')) continue
    const name = key.slice('INPUT_'.length)
    if (own.has(name)) continue
    delete env[key]
    dropped.push(name.toLowerCase())
  }
  return dropped
}
