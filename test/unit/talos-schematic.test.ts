import { describe, expect, it } from '@jest/globals'
import { planFactoryImage } from '../../src/distro/talos/factory'
import {
  factoryImageUrl,
  installerImage,
  LONGHORN_EXTENSIONS,
  RK1_OVERLAY,
  RKNN_EXTENSION,
  resolveRk1Schematic,
  rk1Schematic,
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

describe('the RK1 schematic from the inventory', () => {
  const RK1_ID = '85f683902139269fbc5a7f64ea94a694d31e0b3d94347a225223fcbd042083ae'

  it('defaults to the overlay and the Longhorn extensions (the well-known RK1 ID)', () => {
    expect(rk1Schematic()).toEqual({
      overlay: RK1_OVERLAY,
      extensions: ['siderolabs/iscsi-tools', 'siderolabs/util-linux-tools']
    })
    expect(resolveRk1Schematic()).toEqual({
      id: RK1_ID,
      yaml: schematicYaml({ overlay: RK1_OVERLAY, extensions: LONGHORN_EXTENSIONS }),
      given: false
    })
  })

  it('appends rockchip-rknn once when rknn is set', () => {
    expect(rk1Schematic({ rknn: true }).extensions).toEqual([
      ...LONGHORN_EXTENSIONS,
      RKNN_EXTENSION
    ])
    expect(
      rk1Schematic({ rknn: true, extensions: [RKNN_EXTENSION, 'siderolabs/iscsi-tools'] })
        .extensions
    ).toEqual([RKNN_EXTENSION, 'siderolabs/iscsi-tools'])
    const yaml = resolveRk1Schematic({ rknn: true }).yaml
    expect(yaml).toContain('            - siderolabs/rockchip-rknn\n')
    expect(resolveRk1Schematic({ rknn: true }).id).not.toBe(RK1_ID)
  })

  it('uses a given schematicId as is (offline), lower-cased', () => {
    const id = 'AB'.repeat(32)
    expect(resolveRk1Schematic({ schematicId: id })).toMatchObject({
      id: id.toLowerCase(),
      given: true
    })
  })

  it('builds image URL and installer from the same ID and the factory host', () => {
    expect(factoryImageUrl(RK1_ID, 'v1.13.9')).toBe(
      `https://factory.talos.dev/image/${RK1_ID}/v1.13.9/metal-arm64.raw.xz`
    )
    expect(installerImage(RK1_ID, 'v1.13.9')).toBe(
      `factory.talos.dev/metal-installer/${RK1_ID}:v1.13.9`
    )
    expect(factoryImageUrl('x', 'v1', 'https://127.0.0.1:8443/')).toBe(
      'https://127.0.0.1:8443/image/x/v1/metal-arm64.raw.xz'
    )
    expect(installerImage('x', 'v1', 'https://127.0.0.1:8443')).toBe(
      '127.0.0.1:8443/metal-installer/x:v1'
    )
    const plan = planFactoryImage(
      { factory: 'https://factory.talos.dev', extensions: LONGHORN_EXTENSIONS, rknn: false },
      'v1.13.9'
    )
    expect(plan).toMatchObject({
      imageUrl: `https://factory.talos.dev/image/${RK1_ID}/v1.13.9/metal-arm64.raw.xz`,
      installer: `factory.talos.dev/metal-installer/${RK1_ID}:v1.13.9`
    })
  })
})
