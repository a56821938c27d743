import type { CommandContext } from './registry'

export async function runProvision(context: CommandContext): Promise<void> {
  context.host.log.info('provision: under construction')
}
