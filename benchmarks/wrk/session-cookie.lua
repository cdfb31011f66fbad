-- One session per wrk thread: the first response's session cookie is sent with every later request of the thread,
-- so the thread's connections are concurrent requests of one session.
local cookie = nil

request = function()
    if cookie then
        return wrk.format("GET", wrk.path, { ["Cookie"] = cookie })
    end
    return wrk.format("GET", wrk.path)
end

response = function(status, headers, body)
    if cookie == nil and headers["Set-Cookie"] then
        cookie = string.match(headers["Set-Cookie"], "(JSESSIONID=[^;]+)")
    end
end
