import { findCommand } from '../commands/registry'
import { runAction } from '../github/run-action'

await runAction(findCommand('report')!)
