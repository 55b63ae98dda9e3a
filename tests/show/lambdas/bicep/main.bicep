// The ARM lambda family, as Bicep writes it: every result is known.
param ips array = ['10.0.0.1', '10.0.0.2', '192.168.1.1']
param vaults array = [
  { name: 'kv-b', tier: 'standard', env: 'prod' }
  { name: 'kv-a', tier: 'premium', env: 'prod' }
  { name: 'kv-c', tier: 'standard', env: 'dev' }
]

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-lambdas'
  properties: {
    networkAcls: {
      bypass: reduce(['Azure', 'Services'], '', (acc, part) => '${acc}${part}')
      defaultAction: 'Deny'
      ipRules: map(filter(ips, ip => startsWith(ip, '10.')), (ip, i) => { value: ip, index: i })
    }
  }
  tags: {
    sorted: join(map(sort(vaults, (a, b) => a.name < b.name), v => v.name), ',')
    byName: string(toObject(vaults, v => v.name, v => v.tier))
    groups: string(mapValues(groupBy(vaults, v => v.env), g => length(g)))
  }
}
