using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using BackOffice.Data.Domain.Staff;
using BackOffice.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Pages.Admin;

/// <summary>Separation of duties on every admin page: each case role gets 403 — reading, and posting with a valid antiforgery token — and nothing changes.</summary>
public class AdminAccessTests(BackOfficeFactory app) : IClassFixture<BackOfficeFactory>
{
    public static TheoryData<string> CaseRoles => new(Roles.CaseRoles);

    private async Task<(Guid User, Guid Organisation)> TargetsAsync()
    {
        await using var db = app.Db();
        var user = await db.Users.Where(u => u.Email == TestDatabase.EmailOf(Roles.Reviewer)).Select(u => u.Id).SingleAsync();
        var organisation = new BackOffice.Data.Domain.Organisations.Organisation("Pääsy Oy", BackOffice.Data.Domain.Organisations.OrganisationNumbers.BusinessId(7_000_000 + Random.Shared.Next(1_000_000)), "FI");
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return (user, organisation.Id);
    }

    [Theory]
    [MemberData(nameof(CaseRoles))]
    public async Task EveryAdminPage_Answers403ToACaseRole(string role)
    {
        var (user, organisation) = await TargetsAsync();
        var client = await app.SignInAsRoleAsync(role);
        string[] pages =
        [
            "/Admin/Users", "/Admin/Users/Invite", $"/Admin/Users/{user}", $"/Admin/Users/{user}?confirm=disable",
            "/Admin/Organisations", "/Admin/Organisations/Add", $"/Admin/Organisations/{organisation}", $"/Admin/Organisations/{organisation}/Edit",
            "/Admin/Outbox", "/Admin/CertificateTypes",
        ];
        foreach (var page in pages)
            Assert.True((await client.GetAsync(page)).StatusCode == HttpStatusCode.Forbidden, $"{role} opened {page}");
    }

    [Theory]
    [MemberData(nameof(CaseRoles))]
    public async Task EveryAdminChange_PostedByACaseRoleWithAValidToken_Is403_AndChangesNothing(string role)
    {
        var (user, organisation) = await TargetsAsync();
        var client = await app.SignInAsRoleAsync(role);
        // The person's own valid token, from a page they may open: the refusal is a matter of rights, not of the token.
        var token = (await client.GetDocumentAsync("/")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        (string Url, Dictionary<string, string> Form)[] posts =
        [
            ("/Admin/Users/Invite", new() { ["Input.Name"] = "Sneaky", ["Input.Email"] = "sneaky@test.example", ["Input.Roles"] = Roles.SystemAdministrator }),
            ($"/Admin/Users/{user}?handler=Roles", new() { ["Roles"] = Roles.SystemAdministrator }),
            ($"/Admin/Users/{user}?handler=Disable", []),
            ($"/Admin/Users/{user}?handler=ResetTwoFactor", []),
            ($"/Admin/Users/{user}?handler=SendLink", []),
            ("/Admin/Organisations/Add", new() { ["Input.Name"] = "Sneaky Oy", ["Input.Country"] = "FI", ["Input.Number"] = "1234567-1" }),
            ($"/Admin/Organisations/{organisation}/Edit", new() { ["Input.Name"] = "Renamed", ["Input.Country"] = "FI", ["Input.Number"] = "1234567-1" }),
        ];
        foreach (var (url, form) in posts)
        {
            form["__RequestVerificationToken"] = token;
            var response = await client.PostAsync(url, new FormUrlEncodedContent(form));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role} posting to {url} got {(int)response.StatusCode}");
        }
        await using var db = app.Db();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "sneaky@test.example"));
        Assert.False(await db.Organisations.AnyAsync(o => o.Name == "Sneaky Oy" || o.Name == "Renamed"));
        Assert.Null((await db.Users.SingleAsync(u => u.Id == user)).DisabledAt);
        Assert.False(await db.OutboxMessages.AnyAsync());
    }
}
