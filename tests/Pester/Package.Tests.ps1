#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }

# The package build.ps1 writes (out/McpRegistryAuth.<version>.nupkg, made before every Pester run), installed
# the way operators install modules: Install-PSResource from a repository, Import-Module by name.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:PackageScript = (Resolve-Path (Join-Path $PSScriptRoot '../../tools/ModulePackage.ps1')).Path
    . $script:PackageScript
    $script:ModulePath = Get-BuiltModulePath
    $script:ModuleFolder = Split-Path $script:ModulePath
    $script:Package = Get-Item -LiteralPath (Get-BuiltPackagePath)
    $script:Version = (Import-PowerShellDataFile -LiteralPath $script:ModulePath).ModuleVersion

    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $zip = [IO.Compression.ZipFile]::OpenRead($script:Package.FullName)
    try {
        $script:Entries = @($zip.Entries.FullName)
        $reader = [IO.StreamReader]::new($zip.GetEntry('McpRegistryAuth.nuspec').Open())
        try { $script:Nuspec = [xml]$reader.ReadToEnd() } finally { $reader.Dispose() }
    }
    finally {
        $zip.Dispose()
    }

    # A home of its own for the child processes that run PSResourceGet, so the user's modules and
    # repository list never see these tests. On Linux and macOS, Install-PSResource -Scope CurrentUser
    # installs under $HOME/.local/share/powershell/Modules, and the repository list lives in .NET's
    # LocalApplicationData, under $HOME (or $XDG_DATA_HOME, which is set to follow it).
    function New-IsolatedHome([string] $Name) {
        $userHome = Join-Path $TestDrive $Name
        $dataHome = Join-Path $userHome '.local/share'
        $null = New-Item -ItemType Directory -Force -Path $dataHome
        $modules = Join-Path $dataHome 'powershell/Modules'
        [pscustomobject]@{
            Home        = $userHome
            Modules     = $modules
            Environment = @{ HOME = $userHome; XDG_DATA_HOME = $dataHome; PSModulePath = $modules }
        }
    }

    # Runs $Command in a new PowerShell in that home, with tools/ModulePackage.ps1 dot-sourced; returns its
    # last output line, JSON, as an object. The LocalApplicationData folder must exist before PSResourceGet
    # runs: for a missing one .NET answers '' and PSResourceGet writes its list into the current directory.
    function Invoke-IsolatedPwsh($Isolated, [string] $Command) {
        $prelude = "`$ErrorActionPreference = 'Stop'; `$null = New-Item -ItemType Directory -Force -Path ([Environment]::GetFolderPath('LocalApplicationData', 'DoNotVerify')); . '$script:PackageScript'"
        $output = Invoke-ChildPwsh -Command "$prelude; $Command" -Environment $Isolated.Environment
        if ($LASTEXITCODE -ne 0) { throw "The child PowerShell failed with exit code $LASTEXITCODE`: $output" }
        $output | Select-Object -Last 1 | ConvertFrom-Json
    }

    # Install-PSResource from a temporary repository over $Feed; returns the installed versions, the
    # repositories left registered afterwards and the folder that holds their list.
    function Install-FromFeed($Isolated, [string] $Feed, [string[]] $Versions) {
        $install = ($Versions | ForEach-Object { "Install-PSResource -Name McpRegistryAuth -Version '$_' -Repository `$repository -Scope CurrentUser -ErrorAction Stop" }) -join '; '
        Invoke-IsolatedPwsh $Isolated @"
Invoke-WithTemporaryRepository -Path '$Feed' -Action { param(`$repository) $install }
[pscustomobject]@{
    Versions     = @(Get-InstalledPSResource -Name McpRegistryAuth | ForEach-Object { "`$(`$_.Version)" } | Sort-Object)
    Repositories = @((Get-PSResourceRepository).Name)
    DataFolder   = [Environment]::GetFolderPath('LocalApplicationData')
} | ConvertTo-Json -Compress
"@
    }

    # Imports the module by name (optionally one version) in a new process and runs a cmdlet.
    function Import-ByName($Isolated, [string] $RequiredVersion) {
        $import = if ($RequiredVersion) { "Import-Module McpRegistryAuth -RequiredVersion '$RequiredVersion'" } else { 'Import-Module McpRegistryAuth' }
        Invoke-IsolatedPwsh $Isolated @"
$import
`$module = Get-Module McpRegistryAuth
`$token = New-RegistryApiToken -AsPlainText
`$core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'McpRegistryAuth.Core' }
[pscustomobject]@{ Version = "`$(`$module.Version)"; ModuleBase = `$module.ModuleBase; TokenLength = `$token.Length; CoreLocation = `$core.Location } | ConvertTo-Json -Compress
"@
    }

    # Uninstall-PSResource one version; returns the versions still installed.
    function Uninstall-Version($Isolated, [string] $Version) {
        Invoke-IsolatedPwsh $Isolated @"
Uninstall-PSResource -Name McpRegistryAuth -Version '$Version' -Scope CurrentUser -ErrorAction Stop
[pscustomobject]@{ Versions = @(Get-InstalledPSResource -Name McpRegistryAuth -ErrorAction SilentlyContinue | ForEach-Object { "`$(`$_.Version)" }) } | ConvertTo-Json -Compress
"@
    }
}

Describe 'McpRegistryAuth package' {
    It 'is named after the module and its version, in out/' {
        $script:Package.Name | Should -Be "McpRegistryAuth.$script:Version.nupkg"
        $script:Package.Directory.FullName | Should -Be (Split-Path (Split-Path $script:ModuleFolder))
        $script:Package.Length | Should -BeGreaterThan 0
    }

    It 'holds exactly the files of the module folder, LICENSE included, and no symbols' {
        # NuGet's own parts: the nuspec, the OPC relationships, content types and core properties.
        $shipped = $script:Entries | Where-Object { $_ -notmatch '^(_rels/|package/|\[Content_Types\]\.xml$|McpRegistryAuth\.nuspec$)' } | Sort-Object
        $built = Get-ChildItem -LiteralPath $script:ModuleFolder -Recurse -File |
            ForEach-Object { [IO.Path]::GetRelativePath($script:ModuleFolder, $_.FullName).Replace('\', '/') } | Sort-Object
        $shipped | Should -Be $built
        $shipped | Should -Contain 'LICENSE'
        $shipped | Should -Contain 'McpRegistryAuth.Loading.dll'
        $shipped | Should -Contain 'Dependencies/McpRegistryAuth.Core.dll'
        $shipped | Where-Object { $_ -match '\.(pdb|deps\.json|runtimeconfig\.json)$|Tests' } | Should -BeNullOrEmpty
    }

    It 'has a manifest that passes Test-ModuleManifest for PowerShell 7.4 Core with explicit exports' {
        $manifest = Test-ModuleManifest -Path $script:ModulePath -ErrorAction Stop
        $manifest.CompatiblePSEditions | Should -Be @('Core')
        $manifest.PowerShellVersion | Should -Be ([version]'7.4')
        $manifest.RootModule | Should -Be 'McpRegistryAuth.dll'
        @($manifest.NestedModules.Name) | Should -Be @('McpRegistryAuth.Loading')
        @($manifest.ExportedCmdlets.Keys | Sort-Object) | Should -Be @((Import-PowerShellDataFile -LiteralPath $script:ModulePath).CmdletsToExport | Sort-Object)
        $manifest.ExportedFunctions.Count + $manifest.ExportedAliases.Count + $manifest.ExportedVariables.Count | Should -Be 0
    }

    It 'carries what the Gallery shows, from the manifest' {
        $manifest = Test-ModuleManifest -Path $script:ModulePath -ErrorAction Stop
        $metadata = $script:Nuspec.package.metadata
        $metadata.id | Should -Be 'McpRegistryAuth'
        $metadata.version | Should -Be $script:Version
        $metadata.authors | Should -Be $manifest.Author
        $metadata.copyright | Should -Be $manifest.Copyright
        $metadata.description | Should -Be $manifest.Description
        $metadata.projectUrl | Should -Be "$($manifest.ProjectUri)"
        $metadata.licenseUrl | Should -Be "$($manifest.LicenseUri)"
        $metadata.releaseNotes.Replace("`r`n", "`n") | Should -Be $manifest.ReleaseNotes.Replace("`r`n", "`n")
        foreach ($cmdlet in $manifest.ExportedCmdlets.Keys) { $metadata.releaseNotes | Should -BeLike "*$cmdlet*" }
        $tags = $metadata.tags -split ' '
        foreach ($tag in 'MCP', 'ToolHive', 'OAuth', 'JWT') { $tags | Should -Contain $tag }
        foreach ($tag in $manifest.Tags) { $tags | Should -Contain $tag }
    }
}

Describe 'Temporary repository' {
    It 'is registered trusted while the work runs and unregistered afterwards, also when the work fails' {
        $script:RegisteredName = $null
        {
            Invoke-WithTemporaryRepository -Path $TestDrive -Action {
                param($name)
                $script:RegisteredName = $name
                (Get-PSResourceRepository -Name $name).Trusted | Should -BeTrue
                throw 'the work failed'
            }
        } | Should -Throw 'the work failed'
        $script:RegisteredName | Should -BeLike 'McpRegistryAuth-*'
        Get-PSResourceRepository -Name $script:RegisteredName -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}

Describe 'Install-PSResource from a local repository' {
    BeforeAll {
        $script:Isolated = New-IsolatedHome 'one-version'
        $feed = Join-Path $TestDrive 'feed-one-version'
        $null = New-Item -ItemType Directory -Path $feed
        Copy-Item -LiteralPath $script:Package.FullName -Destination $feed
        $script:Installed = Install-FromFeed $script:Isolated $feed $script:Version
    }

    It 'installs into the temporary module path and leaves no repository registered' {
        $script:Installed.Versions | Should -Be @($script:Version)
        Join-Path $script:Isolated.Modules "McpRegistryAuth/$script:Version/McpRegistryAuth.psd1" | Should -Exist
        Join-Path $script:Isolated.Modules "McpRegistryAuth/$script:Version/LICENSE" | Should -Exist
        # The child's list is the one in the temporary home: it is there, and holds no McpRegistryAuth-* entry.
        $script:Installed.DataFolder | Should -BeLike "$($script:Isolated.Home)*"
        Join-Path $script:Installed.DataFolder 'PSResourceGet/PSResourceRepository.xml' | Should -Exist
        $script:Installed.Repositories | Where-Object { $_ -like 'McpRegistryAuth-*' } | Should -BeNullOrEmpty
    }

    It 'imports by name in a new process, from the installed folder, and runs a cmdlet' {
        $imported = Import-ByName $script:Isolated
        $installedBase = Join-Path $script:Isolated.Modules "McpRegistryAuth/$script:Version"
        $imported.Version | Should -Be $script:Version
        $imported.ModuleBase | Should -Be $installedBase
        $imported.TokenLength | Should -Be 43
        $imported.CoreLocation | Should -Be (Join-Path $installedBase 'Dependencies/McpRegistryAuth.Core.dll')
    }

    It 'uninstalls with Uninstall-PSResource' {
        (Uninstall-Version $script:Isolated $script:Version).Versions | Should -BeNullOrEmpty
        Join-Path $script:Isolated.Modules "McpRegistryAuth/$script:Version" | Should -Not -Exist
    }
}

Describe 'Two versions side by side' {
    BeforeAll {
        # A second version from a copy of the built folder with the next patch version in its manifest,
        # packed by the same function as build.ps1 -Task Package.
        $current = [version]$script:Version
        $script:NextVersion = "$($current.Major).$($current.Minor).$($current.Build + 1)"
        $copy = Join-Path $TestDrive "copy/McpRegistryAuth/$script:NextVersion"
        $null = New-Item -ItemType Directory -Path (Split-Path $copy)
        Copy-Item -LiteralPath $script:ModuleFolder -Destination $copy -Recurse
        $manifest = Join-Path $copy 'McpRegistryAuth.psd1'
        (Get-Content -LiteralPath $manifest -Raw) -replace "(?m)^(\s*ModuleVersion\s*=\s*')[^']*'", "`${1}$script:NextVersion'" |
            Set-Content -LiteralPath $manifest -NoNewline
        $feed = Join-Path $TestDrive 'feed-two-versions'
        $script:NextPackage = New-ModulePackage -ModuleFolder $copy -Destination $feed
        Copy-Item -LiteralPath $script:Package.FullName -Destination $feed

        $script:Isolated = New-IsolatedHome 'two-versions'
        $script:Installed = Install-FromFeed $script:Isolated $feed @($script:Version, $script:NextVersion)
    }

    It 'packs the copy under the next version' {
        $script:NextPackage.Name | Should -Be "McpRegistryAuth.$script:NextVersion.nupkg"
    }

    It 'installs both versions, each in its own folder' {
        $script:Installed.Versions | Should -Be @($script:Version, $script:NextVersion)
        foreach ($version in $script:Version, $script:NextVersion) {
            Join-Path $script:Isolated.Modules "McpRegistryAuth/$version/McpRegistryAuth.psd1" | Should -Exist
        }
    }

    It 'Import-Module -RequiredVersion imports the <Which> version' -ForEach @(
        @{ Which = 'current' }
        @{ Which = 'next' }
    ) {
        $requiredVersion = if ($Which -eq 'current') { $script:Version } else { $script:NextVersion }
        $imported = Import-ByName $script:Isolated $requiredVersion
        $imported.Version | Should -Be $requiredVersion
        $imported.ModuleBase | Should -Be (Join-Path $script:Isolated.Modules "McpRegistryAuth/$requiredVersion")
        $imported.CoreLocation | Should -BeLike "$($imported.ModuleBase)*"
        $imported.TokenLength | Should -Be 43
    }

    It 'uninstalls one version and keeps the other' {
        (Uninstall-Version $script:Isolated $script:Version).Versions | Should -Be @($script:NextVersion)
        Join-Path $script:Isolated.Modules "McpRegistryAuth/$script:NextVersion/McpRegistryAuth.psd1" | Should -Exist
    }
}
