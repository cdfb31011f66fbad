-- Every request asks for a URL that nobody asked for before (the path with ?miss=<thread>-<n>, or &miss=... after a
-- query the URL has already, which keeps the runs of one benchmark apart), so that a cache in front of the server
-- misses every time: the storage filter ignores the query, Varnish hashes it.
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("id", threads)
end

local n = 0
local separator = wrk.path:find("?", 1, true) and "&" or "?"

function request()
    n = n + 1
    return wrk.format(nil, wrk.path .. separator .. "miss=" .. id .. "-" .. n)
end
