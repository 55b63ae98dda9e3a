// uniqueString and guid are hashes of their arguments: known whenever the arguments are.
param seed string = 'aaa'

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-${uniqueString(seed)}'
  properties: {
    tenantId: guid('foo', 'bar', 'baz')
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Deny'
    }
  }
  tags: {
    scoped: uniqueString(resourceGroup().id, seed)
  }
}
