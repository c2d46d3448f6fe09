using System.Text.RegularExpressions;
using FakeAi;
using FakeSmugMug.Seeds;
using SkiaSharp;

namespace TargetVision.Browser.Tests;

/// <summary>
/// The AI-descriptions UI in a real browser against the real app, with the fake Anthropic API (and, for the
/// describe flow, the fake SmugMug) standing in for the outside services.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DescribeBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Select_estimate_describe_to_100_percent_then_edit_and_approve_a_description()
    {
        await using var claude = await FakeAnthropicServer.StartAsync(new FakeAiOptions());
        // Slow enough answers that the progress bar is seen moving, fast enough for a short test.
        claude.Options.MinLatency = TimeSpan.FromMilliseconds(300);
        await using var smug = await SmugMugTestSetup.StartAsync(new FakeSmugMug.FakeSmugMugOptions { Library = LibrarySeeds.Small() });
        var settings = LiveApp.Settings(smug, claude);
        await using var live = await LiveApp.StartAsync(settings);
        await smug.ConnectAsync(live.App.Services);
        await using var session = await browser.NewSessionAsync(live.BaseUrl);
        var page = session.Page;
        var albumKey = smug.Server.Library.FindAlbumByName("Vermont 2019")!.AlbumKey;
        await LiveApp.SignInAsync(page, "/library/album/" + albumKey);

        // Sync the album so its photos can be described.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sync album" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sync-progress")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 30_000 });
        var cards = page.Locator(".photo-card");
        await Assertions.Expect(page.Locator(".photo-card[data-status='not_processed']")).ToHaveCountAsync(8, new() { Timeout = 15_000 });

        // Select three photos; the AI actions follow the selection.
        await cards.Nth(0).Locator(".photo-card__media").ClickAsync();
        await cards.Nth(2).Locator(".photo-card__media").ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
        var describeSelected = page.GetByRole(AriaRole.Button, new() { Name = "Describe selected (3)" });
        await Assertions.Expect(describeSelected).ToBeEnabledAsync();
        await describeSelected.ClickAsync();

        // The dialog: a keyed model is preselected and the cost is estimated before anything starts.
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Describe 3 selected photos" });
        await Assertions.Expect(dialog.GetByLabel("Model")).Not.ToHaveValueAsync("");
        var estimate = dialog.Locator(".estimate");
        await Assertions.Expect(estimate).ToContainTextAsync("to describe 3 photos");
        await Assertions.Expect(estimate).ToContainTextAsync(new Regex(@"≈ \$\d"));
        await Assertions.Expect(estimate).ToContainTextAsync("per M tokens");
        Assert.Equal(0, claude.Calls.TotalCalls);

        // Record the global bar's furthest point: it is pushed by SSE and leaves the screen once the batch ends.
        await page.EvaluateAsync(@"() => {
            window.__maxProgress = 0;
            const seen = () => {
                for (const bar of document.querySelectorAll('#global-progress [role=progressbar]')) {
                    const now = Number(bar.getAttribute('aria-valuenow')), max = Number(bar.getAttribute('aria-valuemax'));
                    if (max > 0) window.__maxProgress = Math.max(window.__maxProgress, Math.round(100 * now / max));
                }
            };
            new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
        }");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#global-progress")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("3 photos described", new() { Exact = false })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator(".photo-card[data-status='completed']")).ToHaveCountAsync(3, new() { Timeout = 15_000 });
        Assert.True(await page.EvaluateAsync<int>("() => window.__maxProgress") > 0, "the global progress bar never showed progress");
        // The sidebar's described count follows the pushed statuses, without a reload.
        var treeAlbum = page.Locator(".library-tree .tree__item--album", new() { HasText = "Vermont 2019" });
        await Assertions.Expect(treeAlbum.Locator(".tree__progress")).ToContainTextAsync("3/8", new() { Timeout = 15_000 });
        Assert.Equal(3, claude.Calls.SucceededCalls);

        // Open a described photo: the AI panel shows the description and keyword chips.
        await cards.Nth(0).HoverAsync();
        await cards.Nth(0).GetByRole(AriaRole.Button, new() { NameRegex = OpenPhoto() }).ClickAsync();
        var modal = page.GetByRole(AriaRole.Dialog);
        var panel = modal.Locator(".ai-panel");
        await Assertions.Expect(panel.Locator(".ai-version__description")).Not.ToBeEmptyAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.List, new() { Name = "Keywords" }).GetByRole(AriaRole.Listitem).First).ToBeVisibleAsync();
        await Assertions.Expect(panel.Locator(".ai-version__meta")).ToContainTextAsync("tokens");

        // Edit: an empty description is refused next to the field; a real one is saved as a new version.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Edit", Exact = true }).ClickAsync();
        // Save is on screen at 1280×800 without scrolling the dialog.
        await Assertions.Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToBeInViewportAsync(new() { Ratio = 1 });
        await panel.GetByRole(AriaRole.Textbox, new() { Name = "Description" }).FillAsync("");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(panel.GetByText("Write a description, or use Delete to remove it.")).ToBeVisibleAsync();
        await panel.GetByRole(AriaRole.Textbox, new() { Name = "Description" }).FillAsync("A red barn beside a maple tree in full autumn colour.");
        await panel.GetByRole(AriaRole.Textbox, new() { Name = "Keywords" }).FillAsync("Barn, maple, autumn, vermont");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Description saved.")).ToBeVisibleAsync();
        await Assertions.Expect(panel.Locator(".ai-version__description")).ToHaveTextAsync("A red barn beside a maple tree in full autumn colour.");
        await Assertions.Expect(panel.GetByRole(AriaRole.List, new() { Name = "Keywords" })).ToContainTextAsync("autumn");
        await Assertions.Expect(panel.Locator(".ai-version__meta")).ToContainTextAsync("Edited by you");

        // Approve, then the history holds both versions.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Assertions.Expect(panel.GetByText("✓ Approved")).ToBeVisibleAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Unapprove" })).ToBeVisibleAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "History (2)" }).ClickAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "View version 1" }).ClickAsync();
        await Assertions.Expect(panel).ToContainTextAsync("Version 1 of 2 (older)");
        await page.Keyboard.PressAsync("Escape");

        // Settings keeps the finished batch in its list, at 100 %.
        await page.GotoAsync("/settings?tab=work");
        await Assertions.Expect(page.Locator("#settings-batches .batch").First).ToContainTextAsync("(100%)");
        Assert.Empty(session.UnexpectedErrors);
    }

    [Fact]
    public async Task Prompt_editor_tests_a_template_on_an_upload_and_usage_shows_the_call()
    {
        await using var claude = await FakeAnthropicServer.StartAsync(new FakeAiOptions());
        await using var live = await LiveApp.StartAsync(LiveApp.Settings(claude: claude));
        await using var session = await browser.NewSessionAsync(live.BaseUrl);
        var page = session.Page;
        await LiveApp.SignInAsync(page, "/settings?tab=prompts");

        var prompts = page.Locator("#settings-prompts");
        await Assertions.Expect(prompts.GetByRole(AriaRole.Heading, new() { Name = "Description prompt" })).ToBeVisibleAsync();
        foreach (var template in new[] { "Detailed", "Concise", "Artistic", "Sports / events" })
        {
            await Assertions.Expect(prompts.GetByRole(AriaRole.Button, new() { Name = template, Exact = true })).ToBeVisibleAsync();
        }

        // A template with an optional instruction becomes a new prompt; saving and activating it are separate steps.
        await prompts.GetByLabel("Note smiles").CheckAsync();
        await prompts.GetByRole(AriaRole.Button, new() { Name = "Concise", Exact = true }).ClickAsync();
        var text = prompts.GetByLabel("Prompt text");
        await Assertions.Expect(text).ToHaveValueAsync(SmilingInstruction());
        await prompts.GetByLabel("Name").FillAsync("Short and sweet");
        await prompts.GetByRole(AriaRole.Button, new() { Name = "Save prompt" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Prompt “Short and sweet” saved.")).ToBeVisibleAsync();
        await prompts.GetByRole(AriaRole.Button, new() { Name = "Make active" }).ClickAsync();
        await Assertions.Expect(prompts.GetByLabel("Saved prompts").Locator("option:checked")).ToHaveTextAsync(ActiveShortAndSweet());

        // Empty text is refused in the browser, next to the field.
        await text.FillAsync("");
        await prompts.GetByRole(AriaRole.Button, new() { Name = "Save new version" }).ClickAsync();
        await Assertions.Expect(prompts.GetByText("The prompt needs some text.")).ToBeVisibleAsync();
        await text.FillAsync("Describe this photograph in two sentences. Give 5 lower-case keywords.");

        // Test on an uploaded image: the fake answers from the pixels, and nothing is saved.
        await prompts.GetByLabel("Image file").SetInputFilesAsync(new FilePayload { Name = "red.jpg", MimeType = "image/jpeg", Buffer = Jpeg(SKColors.Red) });
        await prompts.GetByRole(AriaRole.Button, new() { Name = "Test prompt" }).ClickAsync();
        var answer = prompts.Locator(".prompt-test__answer");
        await Assertions.Expect(answer).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(answer.GetByRole(AriaRole.List, new() { Name = "Keywords" }).GetByRole(AriaRole.Listitem).First).ToBeVisibleAsync();
        await Assertions.Expect(answer).ToContainTextAsync("tokens");
        Assert.Equal(1, claude.Calls.TotalCalls);

        // Usage per model follows (after a reload: the test call is not a batch, so no event announces it).
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Usage & stats" }).ClickAsync();
        var stats = page.Locator("#settings-stats");
        await Assertions.Expect(stats.Locator(".usage__totals")).ToContainTextAsync("1 call ");
        await Assertions.Expect(stats.GetByRole(AriaRole.Table).First.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("claude");
        await Assertions.Expect(stats.GetByText("✓ set").First).ToBeVisibleAsync();

        // Reset brings the built-in prompt back as the active one.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Prompt" }).ClickAsync();
        await prompts.GetByRole(AriaRole.Button, new() { Name = "Reset to default" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Reset" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The default prompt is active again.")).ToBeVisibleAsync();
        await Assertions.Expect(prompts.GetByLabel("Saved prompts").Locator("option:checked")).ToHaveTextAsync(ActiveDefault());

        Assert.Empty(session.UnexpectedErrors);
    }

    [Fact]
    public async Task Settings_tabs_fit_375_px_work_by_keyboard_and_the_models_table_scrolls_by_keyboard()
    {
        await using var claude = await FakeAnthropicServer.StartAsync(new FakeAiOptions());
        await using var live = await LiveApp.StartAsync(LiveApp.Settings(claude: claude));
        await using var session = await browser.NewSessionAsync(live.BaseUrl, 375, 800);
        var page = session.Page;
        await LiveApp.SignInAsync(page, "/settings");

        // One section at a time: the keys tab is short enough to see whole, and nothing scrolls sideways.
        var tabs = page.GetByRole(AriaRole.Tablist, new() { Name = "Settings sections" });
        await Assertions.Expect(tabs.GetByRole(AriaRole.Tab)).ToHaveCountAsync(8);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API keys" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#settings-prompts")).ToBeHiddenAsync();
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 375, "settings scroll sideways at 375 px");
        // "Cancel all running work" is no longer on this page; it belongs with the running work.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel all running work" })).ToHaveCountAsync(0);

        // Keyboard: arrows move between tabs and the URL keeps the tab.
        await tabs.GetByRole(AriaRole.Tab, new() { Name = "Keys & provider" }).FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(tabs.GetByRole(AriaRole.Tab, new() { Name = "Prompt" })).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/settings\?tab=prompts$"));
        await Assertions.Expect(page.Locator("#settings-prompts").GetByLabel("Prompt text")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 375, "the prompt tab scrolls sideways at 375 px");

        // Keyboard only: focus a template button, press Enter, and the text arrives in the editor.
        var artistic = page.Locator("#settings-prompts").GetByRole(AriaRole.Button, new() { Name = "Artistic", Exact = true });
        await artistic.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#settings-prompts").GetByLabel("Prompt text")).ToHaveValueAsync(PhotoEditor());

        // The models table is wider than a phone: its box takes focus and scrolls with the arrow keys.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Usage & stats" }).ClickAsync();
        var models = page.GetByRole(AriaRole.Region, new() { Name = "Models and prices" });
        await Assertions.Expect(models.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
        Assert.True(await models.EvaluateAsync<bool>("box => box.scrollWidth > box.clientWidth"), "the models table fits; nothing to scroll");
        await models.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(models).Not.ToHaveJSPropertyAsync("scrollLeft", 0);
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 375, "the usage tab scrolls sideways at 375 px");
        Assert.Empty(session.UnexpectedErrors);
    }


    /// <summary>A small JPEG of one colour; the fake describes it by its colour.</summary>
    private static byte[] Jpeg(SKColor color)
    {
        using var bitmap = new SKBitmap(96, 64);
        bitmap.Erase(color);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    [GeneratedRegex("^Open ")]
    private static partial Regex OpenPhoto();

    [GeneratedRegex("smiling")]
    private static partial Regex SmilingInstruction();

    [GeneratedRegex("^Short and sweet.*active$")]
    private static partial Regex ActiveShortAndSweet();

    [GeneratedRegex("^Default.*active$")]
    private static partial Regex ActiveDefault();

    [GeneratedRegex("photo editor")]
    private static partial Regex PhotoEditor();
}
