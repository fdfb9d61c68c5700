// Samtale in Azure: App Service on Linux (Node 24) with a system-assigned managed identity, Azure
// Database for PostgreSQL Flexible Server, Key Vault (secrets read by the app's identity through
// Key Vault references), Application Insights, and an Azure Bot with the Teams channel.
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

@description('Client secret of the app registration. Stored in Key Vault; never in app settings.')
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

@description('PostgreSQL administrator login.')
param postgresAdminLogin string = 'samtaleadmin'

@description('PostgreSQL administrator password. Stored in Key Vault as part of DATABASE_URL.')
@secure()
@minLength(16)
param postgresAdminPassword string

@description('App Service plan SKU. P0v3 or larger is recommended for production.')
@allowed(['B1', 'P0v3', 'P1v3', 'P2v3'])
param appServiceSku string = 'P0v3'

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
    publicNetworkAccess: 'Enabled'
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: postgresName
  location: location
  sku: { name: postgresSku, tier: startsWith(postgresSku, 'Standard_B') ? 'Burstable' : 'GeneralPurpose' }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
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

// App Service reaches the server over its public endpoint, TLS required; 0.0.0.0 admits Azure services only.
resource postgresFromAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
}

resource databaseUrl 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'DATABASE-URL'
  properties: {
    value: 'postgresql://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/samtale?sslmode=require'
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
  sku: { name: appServiceSku }
  properties: { reserved: true }
}

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: webName
  location: location
  kind: 'app,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
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
        { name: 'DATABASE_URL', value: '@Microsoft.KeyVault(SecretUri=${databaseUrl.properties.secretUri})' }
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
output WEB_APP_NAME string = web.name
output BOT_ENDPOINT string = bot.properties.endpoint
output MANAGED_IDENTITY_PRINCIPAL_ID string = web.identity.principalId
