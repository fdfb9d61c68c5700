// The Microsoft Entra administrator of Samtale's PostgreSQL server: the web app's managed identity.
// A module of its own because the resource's name is the principal's object id, which for a
// system-assigned identity is known only once the web app exists. Bicep needs a resource's name at
// the start of a deployment; a module's parameters may be filled in later. Used by main.bicep.
targetScope = 'resourceGroup'

@description('Name of the PostgreSQL flexible server.')
param serverName string

@description('Object (principal) id of the web app\'s system-assigned managed identity.')
param principalId string

@description('Display name of that identity (the web app\'s name); it becomes the PostgreSQL role name.')
param principalName string

@description('Entra ID tenant of the identity.')
param tenantId string

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' existing = {
  name: serverName
}

resource admin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = {
  parent: server
  name: principalId
  properties: {
    principalType: 'ServicePrincipal'
    principalName: principalName
    tenantId: tenantId
  }
}
