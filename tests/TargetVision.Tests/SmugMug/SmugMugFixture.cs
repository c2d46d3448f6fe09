using FakeSmugMug;
using FakeSmugMug.Model;
using FakeSmugMug.Seeds;

namespace TargetVision.Tests.SmugMug;

/// <summary>The app wired to a fake SmugMug (small seed unless a subclass picks another library), already connected.</summary>
public class SmugMugFixture : AppFixture
{
    private SmugMugTestSetup? smug;

    public SmugMugTestSetup Smug => smug ?? throw new InvalidOperationException("not initialised");
    public FakeSmugMugServer Fake => Smug.Server;

    protected virtual FakeLibrary CreateLibrary() => LibrarySeeds.Small();

    protected virtual bool ConnectOnStart => true;

    protected override IDictionary<string, string?> Settings => Smug.Settings();

    public override async Task InitializeAsync()
    {
        smug = await SmugMugTestSetup.StartAsync(new FakeSmugMugOptions { Library = CreateLibrary() });
        await base.InitializeAsync();
        if (ConnectOnStart)
        {
            await Smug.ConnectAsync(App.Services);
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (smug is not null)
        {
            await smug.DisposeAsync();
        }
    }
}
