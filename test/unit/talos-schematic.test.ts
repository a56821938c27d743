import { describe, expect, it } from '@jest/globals'
import {
  LONGHORN_EXTENSIONS,
  RK1_OVERLAY,
  schematicId,
  schematicYaml
} from '../../src/distro/talos/schematic'

describe('Image Factory schematic IDs (tools.md §2.1 test vectors)', () => {
  it('hashes the empty schematic like the factory', () => {
    expect(schematicYaml()).toBe('customization: {}\n')
    expect(schematicId()).toBe('376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba')
  })

  it('hashes the RK1 overlay alone', () => {
    expect(schematicYaml({ overlay: RK1_OVERLAY })).toBe(
      'overlay:\n    image: siderolabs/sbc-rockchip\n    name: turingrk1\ncustomization: {}\n'
    )
    expect(schematicId({ overlay: RK1_OVERLAY })).toBe(
      'df156b82096feda49406ac03aa44e0ace524b7efe4e1f0e144a1e1ae3930f1c0'
    )
  })

  it('hashes the overlay with the Longhorn extensions, in order', () => {
    const id = schematicId({ overlay: RK1_OVERLAY, extensions: LONGHORN_EXTENSIONS })
    expect(id).toBe('85f683902139269fbc5a7f64ea94a694d31e0b3d94347a225223fcbd042083ae')
    expect(
      schematicId({ overlay: RK1_OVERLAY, extensions: [...LONGHORN_EXTENSIONS].reverse() })
    ).not.toBe(id)
  })

  it('sorts overlay options like Go maps', () => {
    expect(
      schematicYaml({ overlay: { ...RK1_OVERLAY, options: { z: 1, spi_boot: true } } })
    ).toContain('    options:\n        spi_boot: true\n        z: 1\n')
  })
})
