-- wrk script: POST the JSON body in $BODY_FILE with the key in $VIGIL_KEY; every request is the same.
local f = assert(io.open(os.getenv("BODY_FILE"), "r"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("VIGIL_KEY")
