namespace FakeSmugMug.Model;

/// <summary>
/// The one SmugMug account the fake serves. Tests change it between syncs through these methods, which keep the
/// indexes and the LastUpdated/ImagesLastUpdated stamps right; the server reads it under <see cref="SyncRoot"/>.
/// </summary>
public sealed class FakeLibrary
{
    private const string KeyAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private readonly Dictionary<string, FakeNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeAlbum> _albums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeImage> _images = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedKeys = new(StringComparer.Ordinal);
    private readonly Random _keys;

    public FakeLibrary(string nickName = "demo", string displayName = "Demo Photographer", int keySeed = 1)
    {
        NickName = nickName;
        DisplayName = displayName;
        _keys = new Random(keySeed);
        Root = new FakeFolder(NewKey(5), string.Empty);
        _nodes[Root.NodeId] = Root;
    }

    public object SyncRoot { get; } = new();
    public string NickName { get; }
    public string DisplayName { get; set; }
    public FakeFolder Root { get; }

    /// <summary>Clock used for stamps set by mutations; the server replaces it with its own TimeProvider.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public int ImageCount { get { lock (SyncRoot) { return _images.Count; } } }

    public FakeNode? FindNode(string nodeId) { lock (SyncRoot) { return _nodes.GetValueOrDefault(nodeId); } }
    public FakeAlbum? FindAlbum(string albumKey) { lock (SyncRoot) { return _albums.GetValueOrDefault(albumKey); } }
    public FakeImage? FindImage(string imageKey) { lock (SyncRoot) { return _images.GetValueOrDefault(imageKey); } }

    public FakeAlbum? FindAlbumByName(string name) { lock (SyncRoot) { return _albums.Values.FirstOrDefault(a => a.Name == name); } }
    public FakeFolder? FindFolderByName(string name) { lock (SyncRoot) { return _nodes.Values.OfType<FakeFolder>().FirstOrDefault(f => f.Name == name); } }

    /// <summary>Albums in tree order (depth first), as SmugMug's user album list roughly returns them.</summary>
    public IReadOnlyList<FakeAlbum> Albums() { lock (SyncRoot) { return [.. Root.Descendants().OfType<FakeAlbum>()]; } }
    public IReadOnlyList<FakeFolder> Folders() { lock (SyncRoot) { return [Root, .. Root.Descendants().OfType<FakeFolder>()]; } }
    public IReadOnlyList<FakeImage> Images() { lock (SyncRoot) { return [.. Root.Descendants().OfType<FakeAlbum>().SelectMany(a => a.Images)]; } }

    public FakeFolder AddFolder(FakeFolder parent, string name, Privacy privacy = Privacy.Public, DateTimeOffset? added = null)
    {
        lock (SyncRoot)
        {
            var folder = new FakeFolder(NewKey(6), name) { Privacy = privacy };
            Attach(parent, folder, added);
            return folder;
        }
    }

    public FakeAlbum AddAlbum(FakeFolder parent, string name, Privacy privacy = Privacy.Public, bool systemAlbum = false, DateTimeOffset? added = null)
    {
        lock (SyncRoot)
        {
            var album = new FakeAlbum(NewKey(6), NewKey(6), name) { Privacy = privacy, IsSystemAlbum = systemAlbum };
            Attach(parent, album, added);
            album.LastUpdated = album.DateAdded;
            album.ImagesLastUpdated = album.DateAdded;
            _albums[album.AlbumKey] = album;
            return album;
        }
    }

    /// <summary>Adds an image; <paramref name="configure"/> runs before the stamps so seeds can set their own dates.</summary>
    public FakeImage AddImage(FakeAlbum album, string fileName, Action<FakeImage>? configure = null)
    {
        lock (SyncRoot)
        {
            var image = new FakeImage(NewKey(7), album) { FileName = fileName };
            var now = Now();
            image.DateTimeUploaded = now;
            image.DateTimeOriginal = now.AddDays(-1);
            image.LastUpdated = now;
            configure?.Invoke(image);
            album.Images.Add(image);
            _images[image.ImageKey] = image;
            album.ImagesLastUpdated = Later(album.ImagesLastUpdated, image.DateTimeUploaded);
            album.LastUpdated = Later(album.LastUpdated, image.DateTimeUploaded);
            return image;
        }
    }

    /// <summary>
    /// A new image from the upload endpoint. Unlike <see cref="AddImage"/> (used by seeds that set their own dates),
    /// the album's stamps always move, even within the second of a previous change, as a client polling them expects.
    /// </summary>
    public FakeImage UploadImage(FakeAlbum album, string fileName, UploadedFile file, Action<FakeImage> configure)
    {
        lock (SyncRoot)
        {
            var image = new FakeImage(NewKey(7), album) { FileName = fileName, Upload = file };
            var now = Now();
            image.DateTimeUploaded = now;
            image.DateTimeOriginal = null;
            image.LastUpdated = now;
            configure(image);
            album.Images.Add(image);
            _images[image.ImageKey] = image;
            album.ImagesLastUpdated = Bump(album.ImagesLastUpdated);
            album.LastUpdated = Bump(album.LastUpdated);
            return image;
        }
    }

    /// <summary>Changes image metadata the way an edit on SmugMug does: the image's LastUpdated moves, the album's stamps do not.</summary>
    public void UpdateImage(FakeImage image, Action<FakeImage> change)
    {
        lock (SyncRoot)
        {
            change(image);
            image.LastUpdated = Bump(image.LastUpdated);
        }
    }

    /// <summary>Replaces the file: a new serial (new URLs) and a new look.</summary>
    public void ReplaceImage(FakeImage image, PaletteColor? newColor = null)
    {
        lock (SyncRoot)
        {
            image.Serial++;
            if (newColor is { } c)
            {
                image.Color = c;
            }

            image.LastUpdated = Bump(image.LastUpdated);
            image.Album.ImagesLastUpdated = Bump(image.Album.ImagesLastUpdated);
        }
    }

    /// <summary>Adds existing images to an album without copying them, as SmugMug's collect does.</summary>
    public void CollectImages(FakeAlbum album, IEnumerable<FakeImage> images)
    {
        lock (SyncRoot)
        {
            album.Collected.AddRange(images);
            album.ImagesLastUpdated = Bump(album.ImagesLastUpdated);
            album.LastUpdated = Bump(album.LastUpdated);
        }
    }

    public void DeleteImage(FakeImage image)
    {
        lock (SyncRoot)
        {
            foreach (var a in _albums.Values)
            {
                a.Collected.RemoveAll(i => i == image);
            }

            image.Album.Images.Remove(image);
            _images.Remove(image.ImageKey);
            image.Album.ImagesLastUpdated = Bump(image.Album.ImagesLastUpdated);
            image.Album.LastUpdated = Bump(image.Album.LastUpdated);
        }
    }

    public void MoveImage(FakeImage image, FakeAlbum target)
    {
        lock (SyncRoot)
        {
            image.Album.Images.Remove(image);
            image.Album.ImagesLastUpdated = Bump(image.Album.ImagesLastUpdated);
            image.Album = target;
            target.Images.Add(image);
            target.ImagesLastUpdated = Bump(target.ImagesLastUpdated);
        }
    }

    public void UpdateNode(FakeNode node, Action<FakeNode> change)
    {
        lock (SyncRoot)
        {
            change(node);
            node.DateModified = Bump(node.DateModified);
            if (node is FakeAlbum album)
            {
                album.LastUpdated = Bump(album.LastUpdated);
            }
        }
    }

    public void Rename(FakeNode node, string name) => UpdateNode(node, n => n.Name = name);

    public void MoveNode(FakeNode node, FakeFolder target)
    {
        lock (SyncRoot)
        {
            if (node.IsRoot || node == target || (node is FakeFolder f && f.Descendants().Contains(target)))
            {
                throw new InvalidOperationException("A folder cannot move into itself.");
            }

            node.Parent!.Children.Remove(node);
            node.Parent = target;
            target.Children.Add(node);
            node.DateModified = Bump(node.DateModified);
        }
    }

    /// <summary>Deletes a folder or album with everything below it.</summary>
    public void DeleteNode(FakeNode node)
    {
        lock (SyncRoot)
        {
            if (node.IsRoot)
            {
                throw new InvalidOperationException("The root folder cannot be deleted.");
            }

            IEnumerable<FakeNode> gone = node is FakeFolder f ? [node, .. f.Descendants()] : [node];
            foreach (var n in gone.ToList())
            {
                _nodes.Remove(n.NodeId);
                if (n is FakeAlbum a)
                {
                    _albums.Remove(a.AlbumKey);
                    foreach (var img in a.Images)
                    {
                        _images.Remove(img.ImageKey);
                    }
                }
            }

            node.Parent!.Children.Remove(node);
            node.Parent = null;
        }
    }

    private void Attach(FakeFolder parent, FakeNode node, DateTimeOffset? added)
    {
        var when = added ?? Now();
        node.DateAdded = when;
        node.DateModified = when;
        node.Parent = parent;
        parent.Children.Add(node);
        _nodes[node.NodeId] = node;
    }

    private DateTimeOffset Now()
    {
        var now = Clock.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    /// <summary>Stamps have one-second resolution, so two edits within a second must still be told apart.</summary>
    private DateTimeOffset Bump(DateTimeOffset previous) => Later(previous.AddSeconds(1), Now());

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private string NewKey(int length)
    {
        while (true)
        {
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                chars[i] = KeyAlphabet[_keys.Next(KeyAlphabet.Length)];
            }

            var key = new string(chars);
            if (_usedKeys.Add(key))
            {
                return key;
            }
        }
    }
}
