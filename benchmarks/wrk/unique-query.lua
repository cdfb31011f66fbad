-- Every request asks for a URL that nobody asked for before (the path with ?miss=<thread>-<n>), so that a cache in
-- front of the server misses every time: the storage filter ignores the query, Varnish hashes it.
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("id", threads)
end

local n = 0

function request()
    n = n + 1
    return wrk.format(nil, wrk.path .. "?miss=" .. id .. "-" .. n)
end
