using System.Text.RegularExpressions;
using FakeSmugMug.Seeds;

namespace TargetVision.Browser.Tests;

/// <summary>The first-run checklist: what a new owner does next, checked from the server's real state.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstRunBrowserTests(BrowserFixture browser)
{
    private const string Email = LiveApp.OwnerEmail;
    private const string Password = LiveApp.OwnerPassword;

    [Fact]
    public async Task A_new_owner_sees_the_checklist_and_the_smugmug_key_step_is_checked_once_saved()
    {
        await using var smug = await SmugMugTestSetup.StartAsync(new FakeSmugMug.FakeSmugMugOptions { Library = LibrarySeeds.Small() });
        var settings = smug.Settings();
        // A fresh install: the owner has to enter the SmugMug key and secret.
        settings.Remove("Secrets:SmugMugApiKey");
        settings.Remove("Secrets:SmugMugApiSecret");
        await using var live = await LiveApp.StartAsync(settings);
        await using var session = await browser.NewSessionAsync(live.BaseUrl);
        var page = session.Page;

        await page.GotoAsync("/setup");
        await page.GetByLabel("Email").FillAsync(Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Repeat password").FillAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/setup"));

        var checklist = page.GetByRole(AriaRole.Region, new() { Name = "Getting started" });
        await Assertions.Expect(checklist).ToBeVisibleAsync();
        var steps = checklist.Locator("li[data-step]");
        await Assertions.Expect(steps).ToHaveCountAsync(6);
        var key = checklist.Locator("li[data-step='smugmug-key']");
        await Assertions.Expect(key).ToHaveAttributeAsync("aria-current", "step");
        await Assertions.Expect(key).ToHaveAttributeAsync("data-state", "current");
        await Assertions.Expect(checklist.Locator("li[data-state='done']")).ToHaveCountAsync(0);
        await Assertions.Expect(checklist).ToContainTextAsync("0 of 6 done");

        // The open step links to where it is done.
        await key.GetByRole(AriaRole.Link, new() { Name = "Open Keys" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/settings"));
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Keys & provider" })).ToHaveAttributeAsync("aria-selected", "true");
        foreach (var (name, value) in new[] { ("smugMugApiKey", smug.Server.ConsumerKey), ("smugMugApiSecret", smug.Server.ConsumerSecret) })
        {
            var card = page.Locator($"[data-secret='{name}']");
            await card.Locator("input[type=password]").FillAsync(value);
            await card.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Assertions.Expect(card).ToContainTextAsync("saved", new() { IgnoreCase = true });
        }

        // Checked without a reload; "connect" is the next step, and its link leads to the Library's connect screen.
        await Assertions.Expect(key).ToHaveAttributeAsync("data-state", "done");
        var connect = checklist.Locator("li[data-step='connect']");
        await Assertions.Expect(connect).ToHaveAttributeAsync("aria-current", "step");
        await Assertions.Expect(checklist).ToContainTextAsync("1 of 6 done");
        await page.ReloadAsync();
        await Assertions.Expect(checklist.Locator("li[data-step='smugmug-key']")).ToHaveAttributeAsync("data-state", "done");

        // Once connected (as after the OAuth round trip), the Library's checklist moves on to syncing.
        await smug.ConnectAsync(live.App.Services);
        await page.GotoAsync("/library");
        await Assertions.Expect(checklist.Locator("li[data-step='connect']")).ToHaveAttributeAsync("data-state", "done");
        await Assertions.Expect(checklist.Locator("li[data-step='sync']")).ToHaveAttributeAsync("aria-current", "step");

        // Dismissed, it stays away.
        await checklist.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await Assertions.Expect(checklist).ToHaveCountAsync(0);
        await page.GotoAsync("/settings");
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Selected = true })).ToBeVisibleAsync();
        await Assertions.Expect(checklist).ToHaveCountAsync(0);
    }
}
