// Module arguments written as expressions: a whole params object built by shallowMerge, and
// conditional arguments whose null leaves the module's default in place.
param env string = 'dev'
param locked bool = true
param strict bool

module vault 'modules/kv.bicep' = {
  name: 'vault-deployment'
  params: shallowMerge([
    { name: 'kv-${env}' }
    locked ? { bypass: 'None', defaultAction: 'Deny' } : {}
  ])
}

module vaultOpen 'modules/kv.bicep' = {
  name: 'vault-open-deployment'
  params: {
    name: 'kv-${env}-open'
    bypass: !locked ? 'None' : null
    defaultAction: env == 'prod' ? 'Deny' : null
  }
}

module vaultStrict 'modules/kv-strict.bicep' = {
  name: 'vault-strict-deployment'
  params: {
    name: 'kv-strict'
    bypass: strict ? 'None' : null
  }
}
