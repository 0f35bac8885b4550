# Packs an assembled module folder into the .nupkg that Install-PSResource installs, with PSResourceGet
# (it ships with PowerShell 7.4 and later). Dot-sourced by build.ps1 (-Task Package, and before every
# Pester run) and by tests/Pester/Package.Tests.ps1, so the tests install the package the way CI makes it.

# Runs $Action with the name of a trusted PSResourceGet repository over the folder $Path. PSResourceGet
# keeps its repository list in the user's data folder: the name is unique, so runs side by side never
# share one, and the repository is unregistered whatever $Action does.
function Invoke-WithTemporaryRepository {
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [scriptblock] $Action
    )
    $name = "McpRegistryAuth-$([guid]::NewGuid().ToString('N'))"
    Register-PSResourceRepository -Name $name -Uri $Path -Trusted -ErrorAction Stop
    try {
        & $Action $name
    }
    finally {
        Unregister-PSResourceRepository -Name $name
    }
}

# Publishes $ModuleFolder (out/McpRegistryAuth/<version>/ or a copy of it) to a temporary local repository
# and moves the McpRegistryAuth.<version>.nupkg it writes to $Destination, replacing one of the same
# version. The package holds exactly the folder's files (plus NuGet's own nuspec and parts). Returns the
# package's FileInfo.
function New-ModulePackage {
    param(
        [Parameter(Mandatory)] [string] $ModuleFolder,
        [Parameter(Mandatory)] [string] $Destination
    )
    # A manifest PowerShell would refuse stops the build here, before any repository is registered.
    $null = Test-ModuleManifest -Path (Join-Path $ModuleFolder 'McpRegistryAuth.psd1') -ErrorAction Stop
    $feed = Join-Path ([IO.Path]::GetTempPath()) "McpRegistryAuth-feed-$([guid]::NewGuid().ToString('N'))"
    $null = New-Item -ItemType Directory -Path $feed
    try {
        Invoke-WithTemporaryRepository -Path $feed -Action {
            param($repository)
            Publish-PSResource -Path $ModuleFolder -Repository $repository -ErrorAction Stop
        }
        $package = @(Get-ChildItem -LiteralPath $feed -Filter *.nupkg)
        if ($package.Count -ne 1) { throw "Publish-PSResource wrote $($package.Count) packages to $feed, expected one." }
        $null = New-Item -ItemType Directory -Force -Path $Destination
        Move-Item -LiteralPath $package[0].FullName -Destination $Destination -Force -PassThru
    }
    finally {
        Remove-Item -LiteralPath $feed -Recurse -Force -ErrorAction SilentlyContinue
    }
}
