filedesc://test.arc 192.0.2.1 19961104142103 text/plain 65
1 0 Test
URL IP-address Archive-date Content-type Archive-length

http://e.example/a 192.0.2.1 19961104142103 text/html 496
HTTP/1.1 200 OK
Content-Type: text/html; charset=utf-8
Content-Length: 416

<html><head><title>Rain due</title><meta property="og:site_name" content="Daily Example"><meta charset="utf-8"></head><body><nav><a href="/">Home</a></nav><article><h1>Rain due</h1><p>"It will rain all week," forecaster Ann Lee said on Monday, warning drivers.</p><p>Officials said the roads would be gritted overnight and buses would run as usual.</p></article><footer>Copyright Daily Example</footer></body></html>
http://e.example/b 192.0.2.1 19961104142104 text/html 416
<html><head><title>Rain due</title><meta property="og:site_name" content="Daily Example"><meta charset="utf-8"></head><body><nav><a href="/">Home</a></nav><article><h1>Rain due</h1><p>"It will rain all week," forecaster Ann Lee said on Monday, warning drivers.</p><p>Officials said the roads would be gritted overnight and buses would run as usual.</p></article><footer>Copyright Daily Example</footer></body></html>
http://e.example/c.gif 192.0.2.1 19961104142105 image/gif 6
GIF89a
