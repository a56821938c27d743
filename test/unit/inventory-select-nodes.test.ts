import { describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { InputError } from '../../src/common/errors'
import { loadInventory, selectNodes } from '../../src/inventory'
import type { Inventory } from '../../src/inventory'

const { inventory } = await loadInventory(join(import.meta.dirname, '../../examples/cluster.yaml'))

const slots = (spec: string | undefined, inv: Inventory = inventory): number[] =>
  selectNodes(inv, spec).map((n) => n.slot)

function rejection(spec: string, inv: Inventory = inventory): InputError {
  try {
    selectNodes(inv, spec)
  } catch (e) {
    if (e instanceof InputError) return e
    throw e
  }
  throw new Error(`expected "${spec}" to be rejected`)
}

describe('selectNodes', () => {
  it.each([
    [undefined, [1, 2, 3, 4]],
    ['', [1, 2, 3, 4]],
    ['  ', [1, 2, 3, 4]],
    ['all', [1, 2, 3, 4]],
    ['ALL', [1, 2, 3, 4]],
    ['1', [1]],
    ['1,3', [1, 3]],
    ['3, 1', [1, 3]],
    ['2-4', [2, 3, 4]],
    ['1 4', [1, 4]],
    ['2-3,3,2', [2, 3]],
    ['turing-w2', [3]],
    ['turing-cp1,turing-w3', [1, 4]],
    ['Turing-W1', [2]],
    ['turing-w1, 4, 1-1', [1, 2, 4]],
    ['1,,2,', [1, 2]],
    ['all,2', [1, 2, 3, 4]]
  ])('%j selects slots %j', (spec, expected) => {
    expect(slots(spec)).toEqual(expected)
  })

  it('returns the inventory nodes themselves, in slot order', () => {
    const [node] = selectNodes(inventory, 'turing-w3')
    expect(node).toBe(inventory.nodes[3])
  })

  it('prefers a host name over reading it as a range', () => {
    const odd: Inventory = {
      ...inventory,
      nodes: inventory.nodes.map((n) => (n.slot === 4 ? { ...n, hostname: '1-2' } : n))
    }
    expect(slots('1-2', odd)).toEqual([4])
  })

  it('lists the valid slots and names for an unknown node', () => {
    const error = rejection('turing-w9')
    expect(error.problems).toEqual([
      {
        path: 'nodes',
        file: 'inputs',
        message:
          'unknown node "turing-w9"; valid: all, slots 1, 2, 3, 4, host names turing-cp1, turing-w1, turing-w2, turing-w3'
      }
    ])
  })

  it('rejects slots that are not in the inventory', () => {
    const two: Inventory = { ...inventory, nodes: inventory.nodes.slice(0, 2) }
    expect(rejection('3', two).problems[0]!.message).toMatch(
      /^slot 3 is not in the inventory \(from "3"\); valid: all, slots 1, 2,/
    )
    expect(rejection('1-4', two).problems[0]!.message).toMatch(
      /^slots 3, 4 are not in the inventory/
    )
    expect(rejection('5').problems[0]!.message).toContain('slot 5 is not in the inventory')
  })

  it('rejects a backwards range', () => {
    expect(rejection('4-2').problems[0]!.message).toBe('range "4-2" is backwards; write 2-4')
  })

  it('reports every bad token at once', () => {
    const error = rejection('1,foo,9,bar')
    expect(error.problems.map((p) => p.message.split(';')[0])).toEqual([
      'unknown node "foo"',
      'slot 9 is not in the inventory (from "9")',
      'unknown node "bar"'
    ])
    expect(error.describe()).toContain('inputs nodes: unknown node "foo"')
  })
})
