// Samtale in Azure: App Service on Linux (Node 24) with a system-assigned managed identity, Azure
// Database for PostgreSQL Flexible Server, Key Vault (secrets read by the app's identity through
// Key Vault references), Application Insights, and an Azure Bot with the Teams channel.
// Network: PostgreSQL and Key Vault have no public endpoint. PostgreSQL lives in a delegated subnet of
// a VNet, Key Vault behind a private endpoint in it; App Service reaches both through VNet integration.
// PostgreSQL accepts Microsoft Entra tokens only: the app's managed identity is its Entra administrator.
// Deploy: az deployment group create -g <group> -f infra/main.bicep -p @infra/main.parameters.json
targetScope = 'resourceGroup'

@description('Azure region for every resource.')
param location string = resourceGroup().location

@description('Short lowercase prefix for resource names, e.g. fjordvik-samtale.')
@minLength(3)
@maxLength(20)
param namePrefix string

@description('Entra ID tenant (directory) id of the organisation.')
param tenantId string = subscription().tenantId

@description('Application (client) id of the Samtale app registration: SSO audience, Graph app identity and bot id.')
param clientId string

@description('Client secret of the app registration. Stored in Key Vault; never in app settings. Pass it in a parameter file, never on the command line.')
@secure()
param clientSecret string

@description('Teams app id from the manifest (TEAMS_APP_ID).')
param teamsAppId string

@description('Install the app through Graph for people with a reminder due (needs TeamsAppInstallation.ReadWriteSelfForUser.All).')
param proactiveInstall bool = false

@description('Graph site id of the archive site: <host>,<site collection id>,<web id>.')
param sharepointSiteId string

@description('URL of the archive site, e.g. https://fjordvik.sharepoint.com/sites/samtalearkiv.')
param sharepointSiteUrl string

@description('Object id of the Entra group for HR with the salary role (reads Punkt 4 copies).')
param sharepointSalaryGroupId string

@description('Address space of the VNet (a /24 or a wider range): three /26 subnets for PostgreSQL, App Service and private endpoints are cut from its start.')
param vnetAddressPrefix string = '10.40.0.0/24'

@description('App Service plan SKU. P0v3 or larger is recommended for production.')
@allowed(['B1', 'P0v3', 'P1v3', 'P2v3'])
param appServiceSku string = 'P0v3'

@description('App Service instances. Two or more keep Samtale up through an instance restart; any number share the work (one of them sends to Teams and SharePoint, chosen through PostgreSQL).')
@minValue(1)
@maxValue(10)
param instanceCount int = 2

@description('PostgreSQL compute tier.')
@allowed(['Standard_B1ms', 'Standard_B2s', 'Standard_D2ds_v5'])
param postgresSku string = 'Standard_B2s'

@description('Azure Bot pricing tier: F0 (free) or S1.')
@allowed(['F0', 'S1'])
param botSku string = 'S1'

var suffix = uniqueString(resourceGroup().id, namePrefix)
var webName = '${namePrefix}-${suffix}'
var publicUrl = 'https://${webName}.azurewebsites.net'
var keyVaultName = take('kv${replace(namePrefix, '-', '')}${suffix}', 24)
var postgresName = '${namePrefix}-pg-${suffix}'
// The app's managed identity signs in to PostgreSQL as a role named like it: the web app's name.
var databaseUrl = 'postgresql://${webName}@${postgres.properties.fullyQualifiedDomainName}:5432/samtale?sslmode=require'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: '${namePrefix}-vnet-${suffix}'
  location: location
  properties: {
    addressSpace: { addressPrefixes: [vnetAddressPrefix] }
    subnets: [
      {
        name: 'postgres'
        properties: {
          addressPrefix: cidrSubnet(vnetAddressPrefix, 26, 0)
          delegations: [{ name: 'postgres', properties: { serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers' } }]
        }
      }
      {
        name: 'app'
        properties: {
          addressPrefix: cidrSubnet(vnetAddressPrefix, 26, 1)
          delegations: [{ name: 'app-service', properties: { serviceName: 'Microsoft.Web/serverFarms' } }]
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: cidrSubnet(vnetAddressPrefix, 26, 2)
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

var postgresSubnetId = '${vnet.id}/subnets/postgres'
var appSubnetId = '${vnet.id}/subnets/app'
var endpointsSubnetId = '${vnet.id}/subnets/private-endpoints'

// Names resolve to private addresses inside the VNet only.
resource postgresDns 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: '${postgresName}.private.postgres.database.azure.com'
  location: 'global'
}

resource postgresDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: postgresDns
  name: 'vnet'
  location: 'global'
  properties: { virtualNetwork: { id: vnet.id }, registrationEnabled: false }
}

resource vaultDns 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.vaultcore.azure.net'
  location: 'global'
}

resource vaultDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: vaultDns
  name: 'vnet'
  location: 'global'
  properties: { virtualNetwork: { id: vnet.id }, registrationEnabled: false }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 90
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: false
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    // Reachable only through its private endpoint. The deployment writes secrets through Azure
    // Resource Manager (the control plane), which this does not block.
    publicNetworkAccess: 'Disabled'
    networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' }
  }
}

resource vaultEndpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: '${namePrefix}-kv-pe-${suffix}'
  location: location
  properties: {
    subnet: { id: endpointsSubnetId }
    privateLinkServiceConnections: [
      { name: 'vault', properties: { privateLinkServiceId: vault.id, groupIds: ['vault'] } }
    ]
  }
}

resource vaultEndpointDns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: vaultEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [{ name: 'vault', properties: { privateDnsZoneId: vaultDns.id } }]
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: postgresName
  location: location
  sku: { name: postgresSku, tier: startsWith(postgresSku, 'Standard_B') ? 'Burstable' : 'GeneralPurpose' }
  // The zone must be linked to the VNet before the server is created in it.
  dependsOn: [postgresDnsLink]
  properties: {
    version: '16'
    // No password login at all: Entra tokens only, so there is no database password to leak or rotate.
    authConfig: { activeDirectoryAuth: 'Enabled', passwordAuth: 'Disabled', tenantId: tenantId }
    // VNet integration: the server has a private address in its delegated subnet and no public endpoint.
    network: {
      delegatedSubnetResourceId: postgresSubnetId
      privateDnsZoneArmResourceId: postgresDns.id
      publicNetworkAccess: 'Disabled'
    }
    storage: { storageSizeGB: 32, autoGrow: 'Enabled' }
    backup: { backupRetentionDays: 14, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'Disabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: 'samtale'
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
}

// The web app's managed identity is the server's Entra administrator: it runs the migrations and
// owns what they create. A module, because the resource's name is the identity's object id, known
// only once the web app exists (a module's parameters may be; a resource's name may not).
module postgresEntraAdmin 'postgres-entra-admin.bicep' = {
  name: 'postgres-entra-admin'
  // One change at a time on the server: it refuses a second while the database is being created.
  dependsOn: [database]
  params: {
    serverName: postgres.name
    principalId: web.identity.principalId
    principalName: web.name
    tenantId: tenantId
  }
}

resource clientSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'CLIENT-SECRET'
  properties: { value: clientSecret }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${namePrefix}-plan-${suffix}'
  location: location
  kind: 'linux'
  sku: { name: appServiceSku, capacity: instanceCount }
  properties: { reserved: true }
}

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: webName
  location: location
  kind: 'app,linux'
  identity: { type: 'SystemAssigned' }
  // The vault's private name must resolve before App Service first resolves the Key Vault references.
  dependsOn: [vaultEndpointDns, vaultDnsLink]
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // No sticky sessions: an instance keeps nothing of its own (sign-in is a token, open pages hear of
    // changes through PostgreSQL, the sender is chosen there too), so any instance answers any request.
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    // Outbound through the VNet, all of it: PostgreSQL and the Key Vault's private endpoint (Key Vault
    // references are resolved this way too) are reachable only from there.
    virtualNetworkSubnetId: appSubnetId
    vnetRouteAllEnabled: true
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      appCommandLine: 'npm start'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/healthz'
      appSettings: [
        { name: 'SAMTALE_MODE', value: 'm365' }
        { name: 'HOST', value: '0.0.0.0' }
        { name: 'PORT', value: '8080' }
        { name: 'WEBSITES_PORT', value: '8080' }
        { name: 'PUBLIC_URL', value: publicUrl }
        { name: 'TENANT_ID', value: tenantId }
        { name: 'CLIENT_ID', value: clientId }
        { name: 'TEAMS_APP_ID', value: teamsAppId }
        { name: 'PROACTIVE_INSTALL', value: proactiveInstall ? 'true' : 'false' }
        // Key Vault references, resolved with the app's managed identity: no secret in app settings.
        { name: 'CLIENT_SECRET', value: '@Microsoft.KeyVault(SecretUri=${clientSecretSecret.properties.secretUri})' }
        // No password in it: the app signs in with a token of its managed identity (DATABASE_AUTH=entra).
        { name: 'DATABASE_URL', value: databaseUrl }
        { name: 'DATABASE_AUTH', value: 'entra' }
        { name: 'SHAREPOINT_SITE_ID', value: sharepointSiteId }
        { name: 'SHAREPOINT_SITE_URL', value: sharepointSiteUrl }
        { name: 'SHAREPOINT_SALARY_GROUP_ID', value: sharepointSalaryGroupId }
        // Application Insights through App Service's own agent: requests, dependencies and logs.
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'ApplicationInsightsAgent_EXTENSION_VERSION', value: '~3' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
      ]
    }
  }
}

// Key Vault Secrets User for the app's own identity, on this vault only.
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, web.id, 'secrets-user')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: web.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: 'Samtale'
    endpoint: '${publicUrl}/api/messages'
    msaAppId: clientId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenantId
    developerAppInsightKey: insights.properties.InstrumentationKey
    disableLocalAuth: false
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true, enableCalling: false }
  }
}

// Outputs are named like the environment variables they feed.
output PUBLIC_URL string = publicUrl
output TENANT_ID string = tenantId
output CLIENT_ID string = clientId
output KEY_VAULT_URI string = vault.properties.vaultUri
output POSTGRES_HOST string = postgres.properties.fullyQualifiedDomainName
output DATABASE_URL string = databaseUrl
output WEB_APP_NAME string = web.name
output BOT_ENDPOINT string = bot.properties.endpoint
output MANAGED_IDENTITY_PRINCIPAL_ID string = web.identity.principalId
