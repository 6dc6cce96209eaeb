site-title = Treffpunkt
site-tagline = Mesleki eğitim (Ausbildung) ve iş hayatı üzerine etkinlikler
skip-link = İçeriğe geç
lang-switch-label = Dil
back-to-events = Tüm etkinliklere geri dön

events-heading = Etkinlikler
events-intro = Girişimci buluşmaları, bilgilendirme günleri ve veli toplantıları. Kayıt ücretsizdir, hesap açmanız gerekmez.
events-none = Şu anda uygun bir etkinlik yok.
events-count = { $count ->
    [one] { $count } etkinlik
   *[other] { $count } etkinlik
}
filter-heading = Etkinlikleri filtrele
filter-kind = Tür
filter-audience = Kimin için
filter-language = Dil
filter-city = Şehir
filter-point = Hizmet noktası
filter-any = Tümü
filter-apply = Filtrele
filter-reset = Filtreleri sıfırla

subscribe-heading = Takvime abone olun
subscribe-intro = Böylece bu etkinlikler takviminizde görünür ve hep güncel kalır.
subscribe-webcal = Takvim uygulamasında abone olun (Apple, Outlook, Thunderbird)
subscribe-google = Google Takvim’de abone olun
subscribe-outlook = Outlook’un web sürümünde abone olun
subscribe-copy = Ya da bu adresi kopyalayıp takviminize ekleyin

kind-roundtable = Girişimci buluşması
kind-info_day = Bilgilendirme günü
kind-parents_evening = Veli toplantısı
audience-employers = İşverenler
audience-youth = Gençler
audience-parents = Veliler
audience-professionals = Nitelikli çalışanlar

event-when = Ne zaman
event-where = Nerede
event-online = Çevrim içi
event-online-link = Çevrim içi katılım bağlantısı
event-languages = Diller
event-for = Kimler için
event-seats-left = { $seats ->
    [0] Boş yer kalmadı
    [one] Sadece bir boş yer kaldı
   *[other] { $seats } boş yer kaldı
}
event-seats-unlimited = Boş yer var
event-waitlist-open = Kontenjan doldu – bekleme listesine kaydolabilirsiniz
event-full = Kontenjan doldu
event-cancelled = İptal edildi
event-calendar = Takvime ekle
event-details = Ayrıntılar
event-time-range = { $date }, saat { $start } – { $end }

form-heading = Kayıt ol
form-errors-heading = { $count ->
    [one] Lütfen bir hatayı düzeltin:
   *[other] Lütfen { $count } hatayı düzeltin:
}
form-name = Ad Soyad
form-email = E-posta adresi
form-email-hint = Onay e-postasını ve hatırlatmaları bu adrese göndeririz.
form-phone = Telefon
form-optional = (isteğe bağlı)
form-party-size = Kişi sayısı
form-party-size-hint = Siz de dahil, en fazla { $max } kişi.
form-language = E-postaların dili
form-interpreter = Tercümana ihtiyacınız var mı?
form-interpreter-none = Hayır, Almanca anlıyorum
form-interpreter-other = Başka bir dil
form-needs = Özel ihtiyaçlar
form-needs-hint = Örneğin çocuk bakımı veya engelsiz erişim.
form-consent = Bilgilerimin bu etkinlik için kaydedilmesini kabul ediyorum. Bilgiler etkinlikten { $days } gün sonra silinir.
form-submit = Kaydımı tamamla
form-submit-waitlist = Bekleme listesine kaydol

error-name-required = Lütfen adınızı yazın.
error-name-too-long = Ad en fazla { $max } karakter olabilir.
error-name-control = Ad, izin verilmeyen karakterler içeriyor.
error-control-characters = Bu alan izin verilmeyen kontrol karakterleri içeriyor.
error-email-invalid = Lütfen geçerli bir e-posta adresi yazın, örneğin name@example.org.
error-phone-invalid = Lütfen bir telefon numarası yazın, örneğin +49 221 123456.
error-party-size-range = Lütfen 1 ile { $max } arasında bir kişi sayısı seçin.
error-language-unknown = Lütfen listeden bir dil seçin.
error-interpreter-unknown = Lütfen listeden bir dil seçin.
error-needs-too-long = Lütfen daha kısa yazın (en fazla { $max } karakter).
error-consent-required = Lütfen bilgilerinizin kaydedilmesini kabul edin. Aksi halde kaydınızı alamayız.

conflict-event_cancelled = Bu etkinlik iptal edildi.
conflict-registration_closed = Kayıtlar kapandı.
conflict-registration_not_open = Kayıtlar henüz açılmadı.
conflict-event_full = Maalesef bu etkinliğin kontenjanı doldu.
conflict-registration_cancelled = Bu kayıt artık geçerli değil.
registration-opens = Kayıt başlangıcı: { $date }.
registration-closes = Son kayıt tarihi: { $date }.

registered-heading = Çok teşekkür ederiz!
registered-pending = Lütfen e-posta kutunuza bakın ve kaydınızı { $hours } saat içinde onaylayın. Yeriniz ancak o zaman kesinleşir.
registered-confirmed = Kaydınız onaylandı. Tüm bilgileri içeren bir e-posta alacaksınız.
registered-waitlisted = Etkinliğin kontenjanı doldu. Bekleme listesinde { $position }. sıradasınız. Bir yer boşalırsa size yazacağız.
registered-already = Bu e-posta adresiyle zaten kayıtlısınız. Kaydınızın bağlantısını size tekrar gönderdik.
registered-spam-hint = E-posta gelmedi mi? Lütfen istenmeyen e-posta (Spam) klasörüne de bakın.

manage-heading = Kaydınız
manage-status = Durum
manage-status-pending = Henüz onaylanmadı
manage-status-confirmed = Onaylandı
manage-status-waitlisted = Bekleme listesinde
manage-status-cancelled = Kayıt iptal edildi
manage-pending-hint = Lütfen kaydınızı onaylayın. Son onay zamanı: { $until }. Aksi halde yeriniz başka birine verilir.
manage-confirm = Kaydı onayla
manage-position = Bekleme listesinde { $position }. sıradasınız.
manage-via-waitlist = Bir yer boşaldı – bu yer artık sizin.
manage-party = { $count ->
    [one] { $count } kişi
   *[other] { $count } kişi
}
manage-cancel = Kaydı iptal et
manage-give-back = Yerimi bırak
manage-cancel-hint = Gelemeyecek misiniz? Lütfen kaydınızı iptal edin, böylece yerinizi başka biri alabilir.
manage-confirmed-now = Teşekkürler, kaydınız onaylandı.
manage-cancelled-now = Kaydınız iptal edildi. Gelemeyecek olmanıza üzüldük.
manage-cancelled = Bu kayıt sona erdi.
manage-register-again = Yeniden kaydol

page-not-found = Bu sayfa mevcut değil. Bağlantı eski ya da eksik olabilir.
page-error = Bir sorun oluştu. Lütfen biraz sonra tekrar deneyin.
page-busy = Şu anda aynı anda çok fazla istek geliyor. Lütfen birazdan tekrar deneyin – girdiğiniz bilgiler kaybolmadı.
page-too-large = Girilen metin çok uzun.
page-bad-request = Girilen bilgiler okunamadı.
page-forbidden = Bu form kendi sayfalarımızdan gelmediği için kabul edilmedi. Lütfen sayfayı doğrudan sitemizde açın ve formu oradan gönderin.

page-rate-limited = Kısa sürede çok fazla istek geldi. Lütfen bir dakika bekleyin ve sonra tekrar deneyin.
form-honeypot = Lütfen bu alanı boş bırakın
form-privacy-link = Veri koruma bilgilendirmesi

privacy-link = Veri koruma
privacy-heading = Veri koruma bilgilendirmesi
privacy-intro = { $office } bilgilerinizi yalnızca etkinlik kaydınızı yürütmek için işler.
privacy-what-heading = Hangi bilgileri saklıyoruz
privacy-what = Adınız, e-posta adresiniz, belirttiyseniz telefon numaranız, kişi sayısı, diliniz, tercümana ihtiyacınız olup olmadığı ve özel ihtiyaçlarınız hakkında bize yazdıklarınız.
privacy-why-heading = Ne için
privacy-why = Bu bilgilere yerinizi ayırmak, size onay e-postasını ve hatırlatmaları göndermek, tercüman ayarlamak ve girişte kimin kayıtlı olduğunu görmek için ihtiyacımız var. Hukuki dayanak, verdiğiniz rızadır (Genel Veri Koruma Tüzüğü – GDPR, madde 6 fıkra 1 bent a).
privacy-how-long-heading = Ne kadar süre
privacy-how-long = Bilgilerinizi etkinlikten { $days } gün sonra sileriz. Geriye yalnızca isim içermeyen sayılar kalır, örneğin kaç kişinin geldiği. Bu sayıları bizi finanse eden kuruma bildiririz.
privacy-rights-heading = Haklarınız
privacy-rights = E-postanızdaki bağlantı üzerinden istediğiniz zaman saklanan tüm bilgileri indirebilir, kaydınızı iptal edebilir ve verilerinizi hemen sildirebilirsiniz. Rızanızı istediğiniz zaman geri çekebilir ve bir veri koruma denetim makamına şikâyette bulunabilirsiniz.
privacy-no-tracking = Bu sayfalar reklam veya analiz çerezleri kullanmaz ve başka sağlayıcılardan hiçbir şey yüklemez. Bir çerez yalnızca seçtiğiniz dili hatırlar.

manage-data-heading = Verileriniz
manage-data-download = Saklanan tüm bilgileri indir (JSON)
manage-erase-hint = Kaydınızı iptal edip bilgilerinizi hemen sildirebilirsiniz. Bu işlem geri alınamaz.
manage-erase = Verilerimi şimdi sil
erased-heading = Verileriniz silindi
erased-text = Kaydınızı iptal ettik; adınızı, e-posta adresinizi ve diğer bilgilerinizi sildik. E-postanızdaki bağlantı artık çalışmıyor.

slots-heading = Bireysel danışmanlık
slots-event-hint = Kayıttan sonra kayıt sayfanızdan (bağlantı e-postada) bir danışmandan randevu alabilirsiniz.
slots-languages = Diller
slots-none-free = Tüm saatler dolu.
slots-none-left = Boş danışmanlık saati kalmadı.
slots-limit-hint = En fazla { $max } danışmanlık randevusu alabilirsiniz.
slots-limit-reached = Alabileceğiniz kadar randevu aldınız. Bir randevuyu iade edebilir veya başka bir saate taşıyabilirsiniz.
slots-mine = Danışmanlık randevularınız
slots-choose = Boş saatler
slots-book = Bu saati ayırt
slots-give-back = İade et
slots-move-to = Şu saate taşı
slots-move = Taşı
slots-booked-now = Danışmanlık randevunuz alındı. Size e-posta ile bir onay gönderdik.
slots-given-back-now = Danışmanlık randevunuzu iade ettiniz.
slots-moved-now = Danışmanlık randevunuz taşındı. Size e-posta ile bir onay gönderdik.
slots-gone = Bu saat artık yok. Lütfen başka bir saat seçin.
conflict-slot_taken = Bu saati az önce başka biri ayırttı. Lütfen başka bir saat seçin.
conflict-slot_past = Bu saat geçti.
conflict-registration_inactive = Danışmanlık randevusunu yalnızca yeri olan kişiler alabilir.
error-slot-limit = En fazla { $max } danışmanlık randevusu alabilirsiniz.
error-slot-overlap = Bu saat, daha önce aldığınız bir randevuyla çakışıyor.
error-slot-required = Lütfen bir saat seçin.
series-further-dates = Diğer tarihler

## Katılım belgesi (PDF) ve saklanan katılım kaydı
cert-title = Katılım Belgesi
cert-confirms = { $office }, aşağıdaki kişinin
cert-took-part = şu etkinliğe katıldığını onaylar:
cert-date = { $date } tarihinde
cert-time = { $from } ile { $until } arasında ({ $duration })
cert-hours = { $time } sa
cert-place = Yer: { $place }
cert-translation = Çeviri. Geçerli olan, sonraki sayfadaki Almanca metindir.
cert-place-date = Yer, tarih
cert-signature = İmza, kaşe
privacy-proof = Bir etkinliğe geldiyseniz, sonrasında yalnızca adınızı, etkinliği, tarihini ve geliş saatinizi bizi finanse eden kurum için katılım kanıtı olarak { $years } yıl saklarız; ardından bunu da sileriz. E-postanızdaki bağlantı ile bu kaydı indirebilir veya silinmesini isteyebilirsiniz.
privacy-proof-none = Silme işleminden sonra, gelen kişilerinki de dahil, hiçbir isim saklamayız.
kept-heading = Katılım kaydınız
kept-text = Kayıt bilgileriniz silindi. Bizi finanse eden kurum için yalnızca geldiğinizi saklıyoruz: adınızı, etkinliği ve tarihini, { $years } yıl boyunca.
kept-erase-hint = Bu kaydı da hemen sildirebilirsiniz. Bu işlem geri alınamaz.
kept-erase = Kaydı şimdi sil
form-sms-reminders = Hatırlatmalar ve değişiklikler SMS ile de
form-sms-reminders-hint = Yukarıdaki telefon numarasına. Artık SMS almamak için STOP yazıp yanıtlayın.
form-email-or-phone-hint = Ya da yalnızca cep telefonu numarası: SMS ile bir kod alırsınız.
error-phone-required-for-sms = SMS için cep telefonu numaranıza ihtiyacımız var.
registered-code = Size SMS ile altı haneli bir kod gönderdik. Kodu { $hours } saat içinde buraya girin. Yeriniz ancak o zaman kesinleşir.
form-code = SMS'teki kod
form-code-submit = Onayla
error-code-wrong = Kod doğru değil. { $left } deneme hakkınız kaldı.
registered-code-ended = Kod çok kez yanlış girildi. Kayıt sona erdi; yeniden kaydolabilirsiniz.

# Event lists on partner websites
embed-heading = Yaklaşan etkinlikler
embed-all-events = { $office } etkinliklerinin tümü
## Messages from staff on the manage page
manage-messages-heading = Ekipten mesajlar

## Posters and flyers
poster-free = Ücretsiz, kayıt gereklidir
poster-scan = Kayıt için QR kodunu tarayın
poster-more-dates = ve { $count } tarih daha
event-contact = İletişim
# Event texts per language, and calendars in the reader's language
event-directions = Nasıl gidilir
ics-cancelled = İptal edildi
ics-slot-summary = Danışmanlık: { $adviser } – { $title }
ics-slot-languages = Diller: { $languages }
feed-all = Etkinlikler
feed-kind-roundtable = Girişimci buluşmaları
feed-kind-info_day = Bilgi günleri
feed-kind-parents_evening = Veli akşamları
feed-audience-employers = işverenler için
feed-audience-youth = gençler için
feed-audience-parents = veliler için
feed-audience-professionals = uzmanlar için
feed-language = Dil { $language }

# Page titles that say what the page shows
page-title-errors = Hata
page-not-found-heading = Sayfa bulunamadı
page-error-heading = Bu işlem yapılamadı

# New-event alerts by email
alerts-link = Yeni etkinlikler hakkında e-posta alın
alerts-heading = Yeni etkinliklerden haberdar olun
alerts-intro = Seçiminize uyan yeni etkinlikler yayımlandığında size e-posta göndeririz – günde en fazla bir tane.
alerts-email = E-posta adresi
alerts-mail-language = E-postaların dili
alerts-filters = Hangi etkinlikler?
alerts-consent = Bildirimleri iptal edene kadar e-posta adresimin, seçimimin ve e-postaların dilinin saklanmasını kabul ediyorum. Adresi onaylamazsam { $days } gün sonra silinir.
alerts-submit = Bildirim iste
alerts-sent-heading = Lütfen e-posta kutunuza bakın
alerts-sent-text = Size bağlantı içeren bir e-posta gönderdik. Adresinizi onunla onayladıktan sonra bildirim alırsınız.
alerts-manage-heading = Yeni etkinlik bildirimleriniz
alerts-unconfirmed = Adresiniz henüz onaylanmadı.
alerts-confirm = Adresi onayla
alerts-confirmed = Adresiniz onaylandı. Artık yeni etkinlikler hakkında bildirim alacaksınız.
alerts-save = Seçimi kaydet
alerts-saved = Seçiminiz kaydedildi.
alerts-unsubscribe-link = Artık bildirim almak istemiyorum
alerts-unsubscribe-heading = Bildirimleri iptal et
alerts-unsubscribe-text = Yeni etkinlikler hakkında artık e-posta almak istemiyor musunuz? O zaman adresiniz ve seçiminiz silinir.
alerts-unsubscribe-button = İptal et
alerts-filters-link = Bunun yerine seçimi değiştir
alerts-unsubscribed-heading = İptal edildi
alerts-unsubscribed-text = Artık bildirim almayacaksınız. Adresiniz ve seçiminiz silindi.
error-alert-consent-required = Lütfen saklanmayı kabul edin, aksi halde size bildirim gönderemeyiz.
error-alert-choice-unknown = Lütfen listeden seçin.
privacy-alerts = Yeni etkinlikler hakkında bildirim isterseniz, e-posta adresinizi, seçiminizi ve e-postaların dilini, her e-postadaki bağlantıyla iptal edene kadar saklarız. Onaylanmamış bir adresi { $days } gün sonra sileriz.
error-alert-city-too-long = Yer adı en fazla { $max } karakter olabilir.
