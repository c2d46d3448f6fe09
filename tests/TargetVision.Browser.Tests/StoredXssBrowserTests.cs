using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FakeAi;
using FakeSmugMug.Model;

namespace TargetVision.Browser.Tests;

/// <summary>
/// Stored XSS in real Chromium: hostile text arrives through every way data enters the app — SmugMug (folder, album
/// and photo names, captions, keywords, descriptions, file names), the owner's own edits (AI descriptions and
/// keywords, prompt names, collection names and descriptions) and chat — and every page that shows it must render it
/// as text. A payload that became markup would either run (a dialog), be blocked by the CSP (a violation event) or
/// at least leave an element carrying its marker attribute: each of the three fails the test.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StoredXssBrowserTests(BrowserFixture browser)
{
    /// <summary>Every payload carries data-xss so an element created from it can be found even if nothing ran.</summary>
    private static readonly string[] Payloads =
    [
        "<img data-xss src=x onerror=alert(1)>",
        "<svg data-xss onload=alert(2)><script>alert(3)</script></svg>",
        "\"><script data-xss>alert(4)</script>",
        "<a data-xss href=\"javascript:alert(5)\">click</a>",
        "javascript:alert(6)//",
        "<iframe data-xss srcdoc=\"<script>alert(7)</script>\"></iframe>",
        "'><details data-xss open ontoggle=alert(8)>",
        "<math><mtext><table><mglyph><style><img data-xss src=x onerror=alert(9)>",
        "{{constructor.constructor('alert(10)')()}}",
    ];

    private const string Marker = "XSS-PROBE";

    private static string P(int i) => $"{Marker}{i} {Payloads[i % Payloads.Length]}";

    [Fact]
    public async Task Hostile_text_renders_inert_on_every_page_that_shows_it()
    {
        await using var claude = await FakeAnthropicServer.StartAsync(new FakeAiOptions());
        var library = new FakeLibrary("xss", P(0), keySeed: 7);
        var folder = library.AddFolder(library.Root, P(1));
        folder.Description = P(2);
        var album = library.AddAlbum(folder, P(3));
        album.Description = P(4);
        album.Keywords.Add(P(5));
        for (var i = 0; i < 4; i++)
        {
            var n = i;
            library.AddImage(album, $"{Marker}file{n}<img data-xss src=x onerror=alert(11)>.jpg", image =>
            {
                image.Title = P(6 + n);
                image.Caption = P(7 + n) + "\n" + P(8 + n);
                image.Keywords.AddRange([P(n), "javascript:alert(12)"]);
            });
        }
        await using var smug = await SmugMugTestSetup.StartAsync(new FakeSmugMug.FakeSmugMugOptions { Library = library });
        await using var live = await LiveApp.StartAsync(LiveApp.Settings(smug, claude));
        await smug.ConnectAsync(live.App.Services);

        // The owner's own writes go through the API, as the forms would send them.
        using var api = new ApiSession(new HttpClient(new SessionHandler { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = live.BaseUrl });
        using (var login = await api.LoginAsync(LiveApp.OwnerEmail, LiveApp.OwnerPassword))
        {
            await ApiSession.EnsureSuccess(login);
        }
        await SyncAsync(api, album.AlbumKey);
        var photoIds = (await api.GetJsonAsync("/api/photos?pageSize=10")).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("photoId").GetInt32()).ToList();
        Assert.Equal(4, photoIds.Count);
        using (var edit = await api.PutAsync($"/api/photos/{photoIds[0]}/ai", new { description = P(1) + " " + P(2), keywords = new[] { Marker + "k<img data-xss src=x onerror=alert(1)>", Marker + "k<svg data-xss onload=alert(2)>" } }))
        {
            await ApiSession.EnsureSuccess(edit);
        }
        using (var prompt = await api.PostAsync("/api/prompts", new { name = P(5), text = "Describe the photo. " + P(6) }))
        {
            await ApiSession.EnsureSuccess(prompt);
        }
        int collectionId;
        using (var created = await api.PostAsync("/api/collections", new { name = P(7), description = P(8), photoIds }))
        {
            await ApiSession.EnsureSuccess(created);
            collectionId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        }
        using (var turn = await api.PostAsync("/api/chat/turns", new { question = P(2) }))
        {
            await ApiSession.EnsureSuccess(turn);
            await turn.Content.ReadAsStringAsync();
        }

        await using var session = await browser.NewSessionAsync(live.BaseUrl);
        var page = session.Page;
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        // Registered before any page script: CSP violations are collected from the first byte of every document.
        await page.AddInitScriptAsync("""
            window.__csp = [];
            document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
            """);
        await LiveApp.SignInAsync(page, "/library");

        var findings = new List<string>();
        async Task Check(string name, ILocator shown)
        {
            // The hostile text is in the page as text (some of it in a closed select): the data under test was rendered.
            await Assertions.Expect(shown).Not.ToHaveCountAsync(0);
            var injected = await page.Locator("[data-xss], a[href^='javascript:' i], iframe[srcdoc]").CountAsync();
            var csp = await page.EvaluateAsync<string[]>("() => window.__csp");
            if (injected > 0 || csp.Length > 0)
            {
                findings.Add($"{name}: {injected} injected elements, CSP violations: {string.Join("; ", csp)}");
            }
        }
        ILocator Text(int i) => page.GetByText(new Regex(Regex.Escape($"{Marker}{i} ")));

        await page.GotoAsync("/library");
        await Check("library root", Text(1));
        await page.GotoAsync("/library/folder/" + folder.NodeId);
        await Check("folder", Text(3));
        await page.GotoAsync("/library/album/" + album.AlbumKey);
        await Check("album", Text(6));
        await page.Locator(".photo-card").First.HoverAsync();
        await page.Locator(".photo-card").First.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Open ") }).ClickAsync();
        var modal = page.GetByRole(AriaRole.Dialog);
        await Check("photo modal", modal.GetByText(new Regex(Marker)));
        await page.Keyboard.PressAsync("Escape");

        await page.GotoAsync("/search?q=" + Uri.EscapeDataString(Marker));
        await Check("search results", page.Locator(".photo-card"));
        await page.GotoAsync("/search?q=" + Uri.EscapeDataString(Payloads[0]));
        await Check("search with a hostile query", page.Locator("main h1"));

        await page.GotoAsync("/collections");
        await Check("collections", Text(7));
        await page.GotoAsync($"/collections/{collectionId}");
        await Check("collection", Text(8));

        await page.GotoAsync("/settings?tab=prompts");
        await Check("settings prompts", page.GetByText(new Regex(Regex.Escape($"{Marker}5 "))));

        await page.GotoAsync("/chat");
        await Check("chat list", Text(2));
        await Text(2).First.ClickAsync();
        await Check("chat conversation", Text(2));

        Assert.True(findings.Count == 0, string.Join("\n", findings));
        Assert.True(dialogs.Count == 0, "dialogs: " + string.Join(", ", dialogs));
        Assert.Empty(session.UnexpectedErrors);
    }

    private static async Task SyncAsync(ApiSession api, string albumKey)
    {
        using var response = await api.PostAsync("/api/smugmug/sync", new { scope = "album", albumKey });
        await ApiSession.EnsureSuccess(response);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch").GetProperty("id").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await api.GetJsonAsync($"/api/batches/{id}")).GetProperty("status").GetString() is not ("completed" or "cancelled"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the sync did not finish");
            await Task.Delay(100);
        }
    }
}
