# Hand-written module manifest. The build copies it to out/McpRegistryAuth/<version>/ and stamps
# ModuleVersion from Directory.Build.props.
@{
    RootModule           = 'McpRegistryAuth.dll'
    # Imported before the root module: the loader's initializer sends the core and its packages
    # (Dependencies/) to the module's private load context before PowerShell reads the cmdlet types.
    NestedModules        = @('McpRegistryAuth.Loading.dll')
    ModuleVersion        = '0.1.0'
    GUID                 = 'a3d6c2f4-8e1b-4c7a-9f25-6b0d4e8c1a73'
    Author               = 'McpRegistryAuth contributors'
    CompanyName          = 'McpRegistryAuth'
    Copyright            = '(c) McpRegistryAuth contributors. MIT License.'
    Description          = 'Mint, inspect and test the tokens MCP registries and gateways accept (MCP Gateway Registry, ToolHive Registry Server, toolregistry-server), and find out locally why a server answered 401 or 403.'
    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @('McpRegistryAuth.format.ps1xml')
    CmdletsToExport      = @(
        'New-RegistryApiToken'
        'Test-RegistryToken'
        'Test-RegistryAuthConfig'
        'Get-RegistryAuthMetadata'
        'Test-ScopeAccess'
        'Get-ScopeAccessMatrix'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('MCP', 'OAuth', 'Registry', 'Gateway', 'ToolHive', 'JWT', 'Authentication', 'PSEdition_Core', 'Linux', 'MacOS', 'Windows')
            ProjectUri   = 'https://github.com/mcp-registry-auth/McpRegistryAuth'
            LicenseUri   = 'https://github.com/mcp-registry-auth/McpRegistryAuth/blob/main/LICENSE'
            ReleaseNotes = 'First release: New-RegistryApiToken and Test-RegistryToken for the MCP Gateway Registry static API tokens.'
        }
    }
}
